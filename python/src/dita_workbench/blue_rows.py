"""A small standard-library writer of the eight BLUE row families (spec/rows.md), for a Python kernel.

A kernel hands it, per processed step, what the step did (its outcome and the events it emitted, in the order it
emitted them); the writer returns that step's rows by family, keys in schema order, ready for ClickHouse
`JSONEachRow` or for the workbench's parity protocol (capability `rows`). It mirrors the reference writer
(`src/rows/writer.ts`): one row per policy decision and intent, one `kernel_outcomes` row per step, then one row
per event. Numbers are what the kernel holds: a float kernel's noise shows in its rows; a Decimal kernel's values
become the nearest double only when a row is built, as in the reference.

Events (dicts with a "type"):
  TradeOpened(trade_id, slot_id, asset, side, requested_size, reference_price, leverage)
  OrderSubmitted / OrderCancelRequested / OrderAccepted / OrderCanceled / OrderExpired (order)
  OrderRejected(order, venue_code)
  OrderFilled(order, fill_id, qty, reported_qty, price, fee, realized_pnl, late)
  ExitLegCompleted(trade_id, order_id, qty, exit_price, exit_notional, entry_price, pnl, realized_total,
                   remaining_qty, initial_size, reason)
  TradeClosed(trade_id, slot_id, close_reason, realized_pnl)
  CapitalChanged(before, after, delta, trade_id, order_id, fill_id)
  BalanceReported(venue_balance, kernel_capital, drift)
  ModeChanged()
An order is a dict with order_id, trade_id, slot_id, asset, purpose, order_side, status, qty, filled_qty,
reference_price, reduce_only, reason, intent_id.
"""
from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Optional

Row = dict[str, Any]
RowsByFamily = dict[str, list[Row]]
Emit = Callable[[str, Row], None]

INPUT_KINDS = ("intent", "order_accepted", "order_filled", "order_rejected", "order_canceled", "order_expired",
               "balance_reported", "control_changed")
NO_TIME_FALLBACK_MS = 86_400_000  # 1970-01-02: the first day a ClickHouse 18 Date holds (spec/rows.md §1.1)
INT32_MAX = 2**31 - 1
ORDER_EVENT = {"OrderSubmitted": "SUBMITTED", "OrderCancelRequested": "CANCEL_REQUESTED", "OrderAccepted": "ACCEPTED",
               "OrderRejected": "REJECTED", "OrderCanceled": "CANCELED", "OrderExpired": "EXPIRED"}


def ch_datetime(ts_ms: int) -> str:
    try:
        t = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc) + _dt.timedelta(milliseconds=ts_ms)
    except OverflowError:
        return "0000-00-00 00:00:00"
    return t.strftime("%Y-%m-%d %H:%M:%S")


def _valid_ts(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= 2**53 - 1


def raw_text(x: object) -> str:
    if isinstance(x, str):
        return x
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, (int, float)):
        return _js_number(x)
    return json.dumps(x, separators=(",", ":"))


def _js_number(x: float) -> str:
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e21:
        return str(int(x))
    return repr(x) if isinstance(x, float) else str(x)


def text(x: object) -> str:
    """A received decimal as exact canonical text (no exponent, no trailing zeros); anything else as received."""
    s = x if isinstance(x, str) else _js_number(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None
    if s is not None:
        try:
            d = Decimal(s.strip())
            if d.is_finite():
                return "0" if d == 0 else format(d.normalize(), "f")
            return "NaN" if d.is_nan() else ("Infinity" if d > 0 else "-Infinity")
        except InvalidOperation:
            pass
    return raw_text(x)


def _slot_id(x: object) -> int:
    return x if isinstance(x, int) and not isinstance(x, bool) and abs(x) <= INT32_MAX else -1


def _order_row(o: Row, event: str, venue_code: str = "") -> Row:
    return {"order_id": o["order_id"], "trade_id": o["trade_id"], "slot_id": o["slot_id"], "asset": o["asset"], "purpose": o["purpose"],
            "order_side": o["order_side"], "event": event, "status": o["status"], "qty": o["qty"], "filled_qty": o["filled_qty"],
            "reference_price": o["reference_price"], "reduce_only": 1 if o["reduce_only"] else 0, "venue_code": venue_code, "reason": o["reason"]}


class BlueRowWriter:
    """The eight families' rows of one kernel, step by step (it keeps the leg chains and the step counter)."""

    def __init__(self, strategy: str = "pink", source: str = "ditav2") -> None:
        self.strategy, self.source = strategy, source
        self.legs: dict[str, dict[str, Any]] = {}
        self.order_intents: dict[str, str] = {}
        self.last_ts_ms: Optional[int] = None
        self.seq = 0

    def persist_step(self, kernel_input: object, outcome: Row, events: list[Row], trades: dict[str, Row],
                     capital_after: Any) -> RowsByFamily:
        """The rows of one processed step (`kernel_input` as received: the gate sends malformed inputs on purpose). `trades` maps trade ids to what the kernel knows of each trade (asset,
        side, initial_size, entry_price, leverage) after the step."""
        ts_in = kernel_input.get("tsMs") if isinstance(kernel_input, dict) else None
        if _valid_ts(ts_in):
            self.last_ts_ms = ts_in
        ts_ms = self.last_ts_ms if self.last_ts_ms is not None else NO_TIME_FALLBACK_MS
        ts = ch_datetime(ts_ms)
        rows: RowsByFamily = {}

        def emit(family: str, row: Row) -> None:
            # A kernel may compute in Decimal: the value becomes the nearest double (a Float64 column) only here.
            values = {k: float(v) if isinstance(v, Decimal) else v for k, v in row.items()}
            rows.setdefault(family, []).append({"ts": ts, "date": ts[:10], "strategy": self.strategy, **values})

        intent = kernel_input.get("intent") if isinstance(kernel_input, dict) and kernel_input.get("kind") == "intent" else None
        intent = intent if isinstance(intent, dict) else None
        if intent is not None:
            self._write_intent(emit, intent, outcome)
        kind = kernel_input.get("kind") if isinstance(kernel_input, dict) else None
        order_id = kernel_input.get("orderId") if isinstance(kernel_input, dict) else None
        emit("kernel_outcomes", {
            "ts_ms": ts_ms, "seq": self.seq, "input_kind": kind if kind in INPUT_KINDS else "invalid",
            "intent_id": raw_text(intent.get("intentId")) if intent is not None else "", "order_id": order_id if isinstance(order_id, str) else "",
            "slot_id": -1 if outcome["slot_id"] is None else outcome["slot_id"], "trade_id": outcome["trade_id"] or "",
            "accepted": 1 if outcome["accepted"] else 0, "diagnostic_code": outcome["diagnostic_code"], "severity": outcome["severity"],
            "state": outcome["state"] or "", "transitions": "; ".join(f"{a} --{t}--> {b}" for a, t, b in outcome["transitions"]),
            "emitted_events": ",".join(e["type"] for e in events), "capital_after": capital_after,
        })
        for n, e in enumerate(events):
            self._write_event(emit, intent, n, e, trades, capital_after)
        self.seq += 1
        return rows

    def _write_intent(self, emit: Emit, i: Row, outcome: Row) -> None:
        target = "" if i.get("targetSize") is None else text(i.get("targetSize"))
        ratios = i.get("exitLegRatios")
        emit("policy_decisions", {
            "decision_id": raw_text(i.get("intentId")), "asset": raw_text(i.get("asset")), "action": raw_text(i.get("action")),
            "side": raw_text(i.get("side")), "reason": raw_text(i.get("reason")), "reference_price": text(i.get("referencePrice")),
            "target_size": target, "leverage": text(i.get("leverage")), "confidence": 1, "bars_held": 0, "source": "scenario"})
        emit("trade_intents", {
            "intent_id": raw_text(i.get("intentId")), "decision_id": raw_text(i.get("intentId")), "trade_id": raw_text(i.get("tradeId")),
            "slot_id": _slot_id(i.get("slotId")), "asset": raw_text(i.get("asset")), "side": raw_text(i.get("side")),
            "action": raw_text(i.get("action")), "reference_price": text(i.get("referencePrice")), "target_size": target,
            "leverage": text(i.get("leverage")), "exit_leg_ratios": ",".join(text(r) for r in ratios) if isinstance(ratios, list) else text(ratios),
            "reason": raw_text(i.get("reason")), "diagnostic_code": outcome["diagnostic_code"]})

    def _write_event(self, emit: Emit, intent: Optional[Row], n: int, e: Row, trades: dict[str, Row], capital_after: Any) -> None:
        kind = e["type"]
        if kind == "TradeOpened":
            ratios = intent.get("exitLegRatios") if intent else []
            self.legs[e["trade_id"]] = {"next_seq": 0, "prev_leg_id": "", "closed": False, "requested_size": e["requested_size"],
                                        "chain_mode": "multi_leg" if isinstance(ratios, list) and len(ratios) > 1 else "single_leg"}
            emit("trade_events", {"trade_id": e["trade_id"], "slot_id": e["slot_id"], "asset": e["asset"], "side": e["side"], "event": "OPEN",
                                  "requested_size": e["requested_size"], "initial_size": 0, "entry_price": e["reference_price"],
                                  "leverage": e["leverage"], "realized_pnl": 0, "close_reason": "", "legs": 0})
        elif kind in ORDER_EVENT:
            if kind == "OrderSubmitted":
                self.order_intents[e["order"]["order_id"]] = e["order"]["intent_id"]
            emit("order_events", _order_row(e["order"], ORDER_EVENT[kind], e.get("venue_code", "")))
        elif kind == "OrderFilled":
            o = e["order"]
            emit("fills", {"fill_id": e["fill_id"], "order_id": o["order_id"], "trade_id": o["trade_id"], "slot_id": o["slot_id"],
                           "asset": o["asset"], "purpose": o["purpose"], "order_side": o["order_side"], "qty": e["qty"],
                           "reported_qty": e["reported_qty"], "price": e["price"], "notional": e["qty"] * e["price"], "fee": e["fee"],
                           "realized_pnl": e["realized_pnl"], "late": 1 if e["late"] else 0, "clamped": 1 if e["qty"] < e["reported_qty"] else 0})
        elif kind == "ExitLegCompleted":
            self._write_leg(emit, e, trades.get(e["trade_id"], {}), capital_after)
        elif kind == "TradeClosed":
            t = trades.get(e["trade_id"], {})
            legs = self.legs.get(e["trade_id"])
            if legs:
                legs["closed"] = True
            emit("trade_events", {"trade_id": e["trade_id"], "slot_id": e["slot_id"], "asset": t.get("asset", ""), "side": t.get("side", "LONG"),
                                  "event": "CLOSE", "requested_size": legs["requested_size"] if legs else 0, "initial_size": t.get("initial_size", 0),
                                  "entry_price": t.get("entry_price", 0), "leverage": t.get("leverage", 0), "realized_pnl": e["realized_pnl"],
                                  "close_reason": e["close_reason"], "legs": legs["next_seq"] if legs else 0})
        elif kind == "CapitalChanged":
            emit("account_events", {"event_id": f"{self.seq}:{n}", "cause": "EXIT_FILL", "source": "kernel_account", "capital_before": e["before"],
                                    "capital_after": e["after"], "delta": e["delta"], "trade_id": e["trade_id"], "order_id": e["order_id"],
                                    "fill_id": e["fill_id"], "venue_balance": 0, "drift": 0})
        elif kind == "BalanceReported":
            emit("account_events", {"event_id": f"{self.seq}:{n}", "cause": "BALANCE_REPORT", "source": "kernel_account",
                                    "capital_before": e["kernel_capital"], "capital_after": e["kernel_capital"], "delta": 0, "trade_id": "",
                                    "order_id": "", "fill_id": "", "venue_balance": e["venue_balance"], "drift": e["drift"]})

    def _write_leg(self, emit: Emit, e: Row, t: Row, capital_after: Any) -> None:
        tid = e["trade_id"]
        state = self.legs.setdefault(tid, {"next_seq": 0, "prev_leg_id": "", "closed": False, "requested_size": 0, "chain_mode": "single_leg"})
        seq = state["next_seq"]
        leg_id = f"{tid}:leg{seq}"
        basis = e["entry_price"] * e["qty"]
        emit("trade_exit_legs", {
            "trade_id": tid, "chain_root_trade_id": tid, "chain_head_leg_id": f"{tid}:leg0", "chain_prev_leg_id": state["prev_leg_id"],
            "chain_seq": seq, "chain_token": tid, "chain_mode": state["chain_mode"], "exit_leg_id": leg_id, "exit_seq": seq,
            "command_id": self.order_intents.get(e["order_id"], e["order_id"]), "source": self.source, "reason": e["reason"],
            "asset": t.get("asset", ""), "side": t.get("side", ""), "entry_price": e["entry_price"], "exit_price": e["exit_price"],
            "fraction": 0 if e["initial_size"] == 0 else e["qty"] / e["initial_size"], "capital_before": capital_after - e["pnl"],
            "capital_after": capital_after, "exit_notional": e["exit_notional"], "remaining_notional": e["remaining_qty"] * e["exit_price"],
            "remaining_qty": e["remaining_qty"], "pnl_pct_leg": 0 if basis == 0 else e["pnl"] / basis * 100, "pnl_leg": e["pnl"],
            "pnl_realized_total": e["realized_total"], "bars_held": 0})
        state["next_seq"] = seq + 1
        state["prev_leg_id"] = leg_id
