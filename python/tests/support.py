"""What the package's tests share: the repository's paths, and the example kernels on sys.path (they import
dita_workbench: the installed package when there is one, else python/src through examples/python/_checkout.py)."""
import os
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = os.path.join(REPO, "examples", "python")
SCHEMAS = os.path.join(REPO, "schemas")
PARITY_FILE = os.path.join(EXAMPLES, "counterexamples", "float-kernel-commands-qty.json")

if EXAMPLES not in sys.path:
    sys.path.insert(0, EXAMPLES)
import _checkout  # noqa: E402,F401
