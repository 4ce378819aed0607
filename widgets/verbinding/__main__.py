"""``python -m verbinding``: the same command as ``verbinding``, also where the venv's
``bin`` is not on the PATH (a fresh terminal). In a notebook cell, ``%run -m verbinding
check-case PAD`` runs it in the notebook's own Python; there the exit code is not raised,
so a report with problems shows no "SystemExit" below it."""

import builtins
import sys

from verbinding.cli import main

code = main()
if code and not getattr(builtins, "__IPYTHON__", False):
    sys.exit(code)
