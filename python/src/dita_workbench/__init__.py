"""The Python side of the DITA workbench (spec/protocol.md): put a kernel or adapter behind the JSON-lines protocol
(`bridge`), type what it receives and returns (`messages`, generated from schemas/protocol/), write the eight BLUE
row families (`blue_rows`) and replay a saved counterexample in-process under pytest (`replay`). Standard library only.
"""
from .blue_rows import BlueRowWriter
from .bridge import serve_adapter, serve_kernel
from .messages import KernelConfig, KernelInput, StepResult
# Not `replay` itself: the name would shadow the submodule (`import dita_workbench.replay as r` gives the function).
from .replay import assert_parity

__all__ = ["BlueRowWriter", "KernelConfig", "KernelInput", "StepResult", "assert_parity", "serve_adapter", "serve_kernel"]
__version__ = "0.1.0"
