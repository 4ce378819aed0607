"""What the upload button's JavaScript sends when a learner chooses files (see ui/upload.py)."""

from __future__ import annotations


def choose_files(button, files, unreadable=()) -> None:
    """Send ``files`` ((name, bytes) pairs) to an UploadButton as the browser does: one
    message per file, too-large files by name only, then the end of the choice."""
    for name, data in files:
        if len(data) > button.max_bytes:
            button._handle(button, {"event": "too_large", "name": name}, [])
        else:
            button._handle(button, {"event": "file", "name": name}, [memoryview(data)])
    for name in unreadable:
        button._handle(button, {"event": "unreadable", "name": name}, [])
    button._handle(button, {"event": "end"}, [])
