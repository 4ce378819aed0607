"""``python -m verbinding``: the same command as ``verbinding``, also where the venv's
``bin`` is not on the PATH (a fresh terminal, ``!python -m verbinding ...`` in a notebook)."""

import sys

from .cli import main

sys.exit(main())
