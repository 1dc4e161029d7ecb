"""The kernel/adapter side of the workbench's JSON-lines protocol (spec/protocol.md), standard library only.

A kernel is two functions — the same two the replay helper calls in-process:

    from dita_workbench.bridge import serve_kernel
    from dita_workbench.messages import KernelConfig, KernelInput, StepResult

    def reset(config: KernelConfig) -> None: ...
    def step(kernel_input: KernelInput) -> StepResult: ...

    if __name__ == "__main__":
        serve_kernel("my-kernel", reset, step, capabilities=["rows"])

An adapter is `reset(config: AdapterConfig)` and `react(event: AdapterEvent) -> Reaction` with `serve_adapter`, which also
declares the adapter's capabilities (spec/venue.md). An exception in a callback answers an `error` reply: the
workbench reports it as a finding with the inputs that led there. Only this module writes to stdout; print
diagnostics to stderr.
"""
from __future__ import annotations

import json
import sys
import traceback
from typing import IO, Any, Callable, Mapping, Optional, Sequence

from .messages import (PROTOCOL_VERSION, AdapterCapabilities, AdapterConfig, AdapterEvent, Capability, HelloReply,
                       KernelConfig, KernelInput, Reaction, Role, StepResult)

KernelReset = Callable[[KernelConfig], None]
KernelStep = Callable[[KernelInput], StepResult]
AdapterReset = Callable[[AdapterConfig], None]
AdapterReact = Callable[[AdapterEvent], Reaction]


class ProtocolError(Exception):
    """The workbench's first line was not the hello this child expects (exit 2: bad input)."""


def _send(out: IO[str], message: Mapping[str, Any]) -> None:
    out.write(json.dumps(message, separators=(",", ":")) + "\n")
    out.flush()


def serve_kernel(name: str, reset: KernelReset, step: KernelStep, capabilities: Sequence[Capability] = (),
                 stdin: Optional[IO[str]] = None, stdout: Optional[IO[str]] = None) -> None:
    """Answers the workbench on stdin/stdout until it says shutdown (or closes stdin)."""
    _serve("kernel", name, capabilities, None, reset, step, stdin, stdout)


def serve_adapter(name: str, reset: AdapterReset, react: AdapterReact, adapter_capabilities: AdapterCapabilities,
                  capabilities: Sequence[Capability] = (), stdin: Optional[IO[str]] = None,
                  stdout: Optional[IO[str]] = None) -> None:
    """Answers venue events with the adapter's reactions until the workbench says shutdown."""
    _serve("adapter", name, capabilities, adapter_capabilities, reset, react, stdin, stdout)


def serve(role: Role, name: str, capabilities: Sequence[Capability], on_reset: Callable[[Any], None],
          on_message: Callable[[Any], Mapping[str, Any]], adapter_capabilities: Optional[AdapterCapabilities] = None) -> None:
    """The single-file bridge's signature (examples/python before the package), for kernels written against it."""
    _serve(role, name, capabilities, adapter_capabilities, on_reset, on_message, None, None)


def _serve(role: Role, name: str, capabilities: Sequence[Capability], adapter_capabilities: Optional[AdapterCapabilities],
           on_reset: Callable[[Any], None], on_message: Callable[[Any], Mapping[str, Any]],
           stdin: Optional[IO[str]], stdout: Optional[IO[str]]) -> None:
    source, out = stdin or sys.stdin, stdout or sys.stdout
    try:
        _hello(role, name, capabilities, adapter_capabilities, source, out)
    except ProtocolError as e:
        print(f"dita_workbench.bridge: {e}", file=sys.stderr)
        sys.exit(2)
    for line in source:
        if not line.strip():
            continue
        message = json.loads(line)
        kind = message.get("type")
        if kind == "shutdown":
            return
        request_id: int = message["id"]
        try:
            if kind == "reset":
                on_reset(message["config"])
                _send(out, {"type": "ok", "id": request_id})
            elif kind == "step":
                # The stepped reply is the kernel's StepResult inside the envelope: same keys, same names.
                _send(out, {"type": "stepped", "id": request_id, **on_message(message["input"])})
            elif kind == "run":
                # Capability "batch": a whole run in one message (a reset, then every input in order), answered
                # with the same two callbacks, so batching costs the kernel nothing.
                on_reset(message["config"])
                _send(out, {"type": "ran", "id": request_id, "steps": [dict(on_message(i)) for i in message["inputs"]]})
            elif kind == "event":
                _send(out, {"type": "reaction", "id": request_id, "reaction": dict(on_message(message["event"]))})
            else:
                _send(out, {"type": "error", "id": request_id, "message": f"unknown request type {kind!r}"})
        except Exception as exc:  # the workbench turns this into a finding with its input sequence
            traceback.print_exc(file=sys.stderr)
            _send(out, {"type": "error", "id": request_id, "message": f"{type(exc).__name__}: {exc}"})


def _hello(role: Role, name: str, capabilities: Sequence[Capability], adapter_capabilities: Optional[AdapterCapabilities],
           source: IO[str], out: IO[str]) -> None:
    line = source.readline()
    try:
        hello = json.loads(line or "{}")
    except json.JSONDecodeError:
        raise ProtocolError(f"stdin: the first line is not JSON: {line.strip()[:80]!r}") from None
    if not isinstance(hello, dict) or hello.get("type") != "hello" or hello.get("protocol") != PROTOCOL_VERSION or hello.get("role") != role:
        raise ProtocolError(f"stdin: expected a hello for protocol {PROTOCOL_VERSION} and role {role!r}, got {hello!r}")
    reply: HelloReply = {"type": "hello", "protocol": PROTOCOL_VERSION, "role": role, "name": name, "capabilities": list(capabilities)}
    if adapter_capabilities is not None:
        reply["adapterCapabilities"] = adapter_capabilities
    _send(out, reply)
