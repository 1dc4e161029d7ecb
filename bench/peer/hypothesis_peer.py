"""The benchmark's peer: a Hypothesis RuleBasedStateMachine driving the Python example kernel in-process.

Rules make kernel inputs the way the gate's actions do (enter, exit by plan or share, fill a working order in
part, acknowledge, cancel), call examples/python/float_kernel.py's on_input directly (no protocol, no child),
and @invariant methods check the same core rules as the gate's subset after every step: size never negative,
no oversell, a trade closes once, closed iff flat, capital = initial capital + sum of realized PnL (floats, so
compared within 1e-6). Prints one JSON line: steps, seconds, steps per second, examples, Hypothesis version.

Usage: python3 bench/peer/hypothesis_peer.py [EXAMPLES]   (needs python3-hypothesis; not a test dependency)
"""
from __future__ import annotations

import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "examples", "python"))

import hypothesis  # noqa: E402
from hypothesis import HealthCheck, settings, strategies as st  # noqa: E402
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test  # noqa: E402

import float_kernel as k  # noqa: E402

CONFIG = {"slotCount": 3, "initialCapital": "25000", "instruments": {
    "BTCUSDT": {"priceTick": "0.1", "qtyStep": "0.001", "minQty": "0.001", "minNotional": "5"},
}}
SLOTS = st.integers(min_value=0, max_value=2)
STEPS = {"n": 0}


class KernelMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        k.reset(CONFIG)
        self.seq = 0
        self.closed_once: dict = {}
        self.realized: dict = {}
        self.last: dict | None = None

    def send(self, message: dict) -> None:
        STEPS["n"] += 1
        self.seq += 1
        message["tsMs"] = 1_780_000_000_000 + self.seq * 1000
        self.last = k.on_input(message)
        for t in k.state["slots"]:
            if t is not None:
                self.realized[t["id"]] = t["realized"]

    def trade(self, slot: int):
        return k.state["slots"][slot]

    def working(self, slot: int):
        t = self.trade(slot)
        if t is None or t["closed"]:
            return None
        oid = t["entry_order"] if t["stage"] == "ORDER_REQUESTED" else t["exit_order"] if t["stage"] == "EXIT_REQUESTED" else None
        return k.state["orders"].get(oid) if oid else None

    @rule(slot=SLOTS, side=st.sampled_from(["LONG", "SHORT"]), steps=st.integers(1, 2000), ticks=st.integers(-200, 200),
          plan=st.sampled_from([["1"], ["0.5", "0.5"], ["0.3", "0.3", "0.4"]]))
    def enter(self, slot, side, steps, ticks, plan):
        tid = f"T{self.seq + 1}"
        self.send({"kind": "intent", "intent": {
            "intentId": f"I{self.seq + 1}", "tradeId": tid, "slotId": slot, "asset": "BTCUSDT", "side": side, "action": "ENTER",
            "referencePrice": f"{100 + ticks / 10:.1f}", "targetSize": f"{steps / 1000:.3f}", "leverage": "3", "exitLegRatios": plan,
            "reason": "PEER"}})

    @rule(slot=SLOTS, pct=st.one_of(st.none(), st.integers(1, 150)), ticks=st.integers(-200, 200))
    def exit(self, slot, pct, ticks):
        t = self.trade(slot)
        if t is None:
            return
        size = None if pct is None else f"{max(0.001, int(t['size'] * pct / 100 * 1000) / 1000):.3f}"
        self.send({"kind": "intent", "intent": {
            "intentId": f"I{self.seq + 1}", "tradeId": t["id"], "slotId": slot, "asset": "BTCUSDT", "side": t["side"], "action": "EXIT",
            "referencePrice": f"{100 + ticks / 10:.1f}", "targetSize": size, "leverage": "1", "exitLegRatios": [], "reason": "TP"}})

    @rule(slot=SLOTS, pct=st.integers(1, 100), fee_bp=st.integers(0, 10))
    def fill(self, slot, pct, fee_bp):
        o = self.working(slot)
        if o is None:
            return
        leaves = o["qty"] - o["filled"]
        qty = max(0.001, int(leaves * pct / 100 * 1000) / 1000)
        price = 100.0
        self.send({"kind": "order_filled", "orderId": o["id"], "fillId": f"F{self.seq + 1}", "qty": f"{qty:.3f}", "price": "100",
                   "fee": f"{qty * price * fee_bp / 10000:.8f}"})

    @rule(slot=SLOTS)
    def ack(self, slot):
        o = self.working(slot)
        if o is not None:
            self.send({"kind": "order_accepted", "orderId": o["id"]})

    @rule(slot=SLOTS)
    def cancel(self, slot):
        t = self.trade(slot)
        if t is not None:
            self.send({"kind": "intent", "intent": {
                "intentId": f"I{self.seq + 1}", "tradeId": t["id"], "slotId": slot, "asset": "BTCUSDT", "side": t["side"], "action": "CANCEL",
                "referencePrice": "1", "targetSize": None, "leverage": "1", "exitLegRatios": [], "reason": "CANCEL"}})

    @invariant()
    def size_never_negative_and_no_oversell(self):
        for t in k.state["slots"]:
            if t is not None:
                assert t["size"] >= -1e-9, t
                assert t["size"] <= t["initial"] + 1e-9, t

    @invariant()
    def closed_iff_flat_and_single_close(self):
        for t in k.state["slots"]:
            if t is None:
                continue
            if t["closed"]:
                assert abs(t["size"]) <= 1e-9, t
                self.closed_once.setdefault(t["id"], True)
            else:
                assert t["id"] not in self.closed_once, f"{t['id']} reopened"

    @invariant()
    def capital_authority(self):
        # Every trade ever held, including those a later ENTER replaced in their slot.
        expected = 25000.0 + sum(self.realized.values())
        assert abs(k.state["capital"] - expected) < 1e-6, (k.state["capital"], expected)


def main() -> None:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    KernelMachine.TestCase.settings = settings(
        max_examples=examples, stateful_step_count=25, deadline=None, database=None, derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    started = time.perf_counter()
    failed = None
    try:
        run_state_machine_as_test(KernelMachine, settings=KernelMachine.TestCase.settings)
    except Exception as e:  # a finding still counts the steps it took
        failed = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
    seconds = time.perf_counter() - started
    print(json.dumps({"steps": STEPS["n"], "seconds": seconds, "stepsPerSecond": STEPS["n"] / seconds, "examples": examples,
                      "hypothesis": hypothesis.__version__, "python": sys.version.split()[0], "finding": failed}))


if __name__ == "__main__":
    main()
