"""The upload button: one call per choice of files, too-large files refused before sending."""

from __future__ import annotations

from _front_end import choose_files

from verbinding.ui.upload import MAX_NAME, UploadButton


def _button(**kwargs):
    choices = []
    return UploadButton("Kies", choices.append, **kwargs), choices


def test_one_choice_of_several_files_arrives_as_one_call():
    button, choices = _button(multiple=True, max_bytes=10)
    choose_files(button, [("a.json", b"{}"), ("groot.json", b"x" * 11), ("b.json", b"[]")],
                 unreadable=["weg.json"])
    assert len(choices) == 1
    chosen = choices[0]
    assert chosen.files == [("a.json", b"{}"), ("b.json", b"[]")]
    assert chosen.too_large == ["groot.json"] and chosen.unreadable == ["weg.json"]
    choose_files(button, [("c.json", b"1")])
    assert [c.files for c in choices[1:]] == [[("c.json", b"1")]]  # nothing carried over


def test_a_large_file_that_arrives_anyway_is_refused():
    button, choices = _button(max_bytes=4)
    button._handle(button, {"event": "file", "name": "te-groot.json"}, [memoryview(b"12345")])
    button._handle(button, {"event": "end"}, [])
    assert choices[0].files == [] and choices[0].too_large == ["te-groot.json"]


def test_odd_messages_are_ignored_and_long_names_cut():
    button, choices = _button()
    button._handle(button, "geen dict", [])
    button._handle(button, {"event": "file", "name": "zonder-inhoud.json"}, [])
    button._handle(button, {"event": "end"}, [])
    assert choices == []  # an empty choice calls nothing
    choose_files(button, [("n" * 5000, b"{}")])
    assert len(choices[0].files[0][0]) == MAX_NAME


def test_the_label_carries_no_file_count():
    button, _ = _button()
    assert button.label == "Kies"
    choose_files(button, [("a.json", b"{}")])
    assert button.label == "Kies"
