"""Lets the examples run from a checkout without `pip install ./python`: puts the repository's python/src on
sys.path when the dita_workbench package is not installed (an installed package always wins)."""
import importlib.util
import os
import sys

if importlib.util.find_spec("dita_workbench") is None:
    sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python", "src"))
