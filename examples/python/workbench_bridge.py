"""Standard-library bridge to the workbench's JSON-lines protocol (spec/protocol.md).

Wrap an existing kernel or adapter in a few lines:

    from workbench_bridge import serve
    serve(role="kernel", name="my-kernel", capabilities=[], on_reset=reset, on_message=step)

An adapter also passes `adapter_capabilities` (spec/venue.md: name, version, orderTypes, cancel, queryOrder,
feeAssets, balanceReports).

`on_reset(config)` starts a fresh run; `on_message(payload)` gets a kernel input (role "kernel") or an
adapter event (role "adapter") as a dict and returns the reply body as a dict (for a kernel: outcome, slots,
capital and optionally rows; for an adapter: the reaction). A kernel that lists "batch" in its capabilities
gets whole runs in one `run` message (the pre-merge gate's fast path); the bridge answers them with the same
two callbacks, so batching costs the kernel nothing. Raising an exception answers an "error" reply;
the workbench reports it as a finding. Only this module writes to stdout; print diagnostics to stderr.
"""
from __future__ import annotations

import json
import sys
import traceback
from typing import Any, Callable

PROTOCOL_VERSION = 1


def _send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def serve(
    role: str,
    name: str,
    capabilities: list[str],
    on_reset: Callable[[dict[str, Any]], None],
    on_message: Callable[[dict[str, Any]], dict[str, Any]],
    adapter_capabilities: dict[str, Any] | None = None,
) -> None:
    hello = json.loads(sys.stdin.readline() or "{}")
    if hello.get("type") != "hello" or hello.get("protocol") != PROTOCOL_VERSION or hello.get("role") != role:
        print(f"workbench_bridge: unexpected hello {hello!r}", file=sys.stderr)
        sys.exit(2)
    hello_reply = {"type": "hello", "protocol": PROTOCOL_VERSION, "role": role, "name": name, "capabilities": capabilities}
    if adapter_capabilities is not None:
        hello_reply["adapterCapabilities"] = adapter_capabilities
    _send(hello_reply)
    for line in sys.stdin:
        if not line.strip():
            continue
        message = json.loads(line)
        kind = message.get("type")
        if kind == "shutdown":
            return
        request_id = message["id"]
        try:
            if kind == "reset":
                on_reset(message["config"])
                _send({"type": "ok", "id": request_id})
            elif kind == "step":
                _send({"type": "stepped", "id": request_id, **on_message(message["input"])})
            elif kind == "run":
                # capability "batch": a whole run in one message (a reset, then every input in order)
                on_reset(message["config"])
                _send({"type": "ran", "id": request_id, "steps": [on_message(i) for i in message["inputs"]]})
            elif kind == "event":
                _send({"type": "reaction", "id": request_id, "reaction": on_message(message["event"])})
            else:
                _send({"type": "error", "id": request_id, "message": f"unknown request type {kind!r}"})
        except Exception as exc:  # the workbench turns this into a finding with its input sequence
            traceback.print_exc(file=sys.stderr)
            _send({"type": "error", "id": request_id, "message": f"{type(exc).__name__}: {exc}"})
