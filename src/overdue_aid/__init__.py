"""overdue-aid: offline, bilingual self-help for people behind on loan repayments."""

import os as _os

from ._native_loader import install as _install_compiled_modules

__version__ = "0.1.0"

# The compiled copies of the busiest modules (see _native_loader.py), when built and fresh; None runs plain Python.
NATIVE = _install_compiled_modules(_os.path.dirname(_os.path.abspath(__file__)))
