"""The bridge over in-memory streams: the handshake, the envelope around a kernel's StepResult, errors as replies."""
import io
import json
import unittest
from typing import Any

import support  # noqa: F401
from dita_workbench.bridge import serve_adapter, serve_kernel
from dita_workbench.messages import PROTOCOL_VERSION, StepResult

RESULT: StepResult = {
    "outcome": {"accepted": True, "diagnostic_code": "OK", "state": "ORDER_REQUESTED", "slot_id": 0, "trade_id": "T1"},
    "commands": [{"kind": "SUBMIT", "order_id": "T1:E", "side": "BUY", "qty": "0.5", "price": "100", "reduce_only": False}],
    "slots": [], "capital": "25000", "rows": {},
}


def run_kernel(lines: list[dict[str, Any]], step: Any = None) -> list[dict[str, Any]]:
    seen: dict[str, Any] = {}
    stdin = io.StringIO("".join(json.dumps(m) + "\n" for m in lines))
    stdout = io.StringIO()
    serve_kernel("test-kernel", lambda config: seen.update(config=config), step or (lambda i: RESULT), capabilities=["rows"],
                 stdin=stdin, stdout=stdout)
    return [json.loads(line) for line in stdout.getvalue().splitlines()]


HELLO = {"type": "hello", "protocol": PROTOCOL_VERSION, "role": "kernel"}


class KernelBridge(unittest.TestCase):
    def test_a_step_answers_the_step_result_inside_the_stepped_envelope(self) -> None:
        out = run_kernel([HELLO, {"type": "reset", "id": 1, "config": {"slotCount": 1, "initialCapital": "1", "instruments": {}}},
                          {"type": "step", "id": 2, "input": {"kind": "intent", "tsMs": 1}}, {"type": "shutdown"}])
        self.assertEqual(out[0], {"type": "hello", "protocol": 1, "role": "kernel", "name": "test-kernel", "capabilities": ["rows"]})
        self.assertEqual(out[1], {"type": "ok", "id": 1})
        self.assertEqual(out[2], {"type": "stepped", "id": 2, **RESULT})
        self.assertEqual(len(out), 3)

    def test_an_exception_in_step_is_an_error_reply_and_the_child_keeps_serving(self) -> None:
        def step(kernel_input: Any) -> StepResult:
            if kernel_input["kind"] == "boom":
                raise KeyError("tsMs")
            return RESULT
        out = run_kernel([HELLO, {"type": "step", "id": 3, "input": {"kind": "boom", "tsMs": 1}},
                          {"type": "step", "id": 4, "input": {"kind": "intent", "tsMs": 2}}], step)
        self.assertEqual(out[1], {"type": "error", "id": 3, "message": "KeyError: 'tsMs'"})
        self.assertEqual(out[2]["type"], "stepped")

    def test_an_unknown_request_is_named_in_an_error_reply(self) -> None:
        out = run_kernel([HELLO, {"type": "dance", "id": 5}])
        self.assertEqual(out[1], {"type": "error", "id": 5, "message": "unknown request type 'dance'"})

    def test_a_first_line_that_is_not_this_role_s_hello_exits_2_before_any_reply(self) -> None:
        for first in (json.dumps({**HELLO, "role": "adapter"}), json.dumps({**HELLO, "protocol": 2}), "not json", ""):
            stdout = io.StringIO()
            with self.assertRaises(SystemExit) as exit_:
                serve_kernel("k", lambda config: None, lambda i: RESULT, stdin=io.StringIO(first + "\n"), stdout=stdout)
            self.assertEqual(exit_.exception.code, 2, first)
            self.assertEqual(stdout.getvalue(), "", first)


class AdapterBridge(unittest.TestCase):
    def test_the_hello_declares_the_adapter_capabilities_and_an_event_gets_a_reaction(self) -> None:
        capabilities = {"name": "a", "version": "1", "orderTypes": ["LIMIT"], "cancel": True, "queryOrder": True, "feeAssets": ["USDT"],
                        "balanceReports": False}
        stdin = io.StringIO("".join(json.dumps(m) + "\n" for m in [
            {"type": "hello", "protocol": 1, "role": "adapter"}, {"type": "event", "id": 1, "event": {"type": "tick"}}, {"type": "shutdown"}]))
        stdout = io.StringIO()
        serve_adapter("a", lambda config: None, lambda event: {"seen": event["type"]}, capabilities, capabilities=["cancel"],  # type: ignore[arg-type]
                      stdin=stdin, stdout=stdout)
        out = [json.loads(line) for line in stdout.getvalue().splitlines()]
        self.assertEqual(out[0]["adapterCapabilities"], capabilities)
        self.assertEqual(out[1], {"type": "reaction", "id": 1, "reaction": {"seen": "tick"}})


if __name__ == "__main__":
    unittest.main()
