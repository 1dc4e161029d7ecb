"""Replay a saved parity counterexample against a Python kernel in this process, for your own debugger.

`workbench parity` writes a counterexample file per divergence (.workbench/counterexamples/parity-*.json, the
gate's format with a `parity` section). The file holds the inputs and the reference kernel's outputs at every
step, so this module needs no workbench: it resets your kernel with the recorded configuration, feeds it the
inputs one by one and compares each reply with the stored reference outputs, the way the workbench does
(outcome, commands, slots, capital, rows aligned by key; decimals exact; spec/rows.md's tolerance for the two
Float64 quotient columns; the run's --ignore/--tolerance).

In pytest:

    from parity_replay import assert_parity

    def test_parity_counterexample():
        assert_parity(".workbench/counterexamples/parity-commands.qty-seed1-7.json", kernel="float_kernel")

then `python3 -m pytest --pdb …` stops inside your kernel's step at the divergent input. A kernel module exposes
`reset(config)` and `step(kernel_input) -> dict` (the protocol's `stepped` body: outcome, commands, slots,
capital, rows). Standard library only.
"""
from __future__ import annotations

import importlib
import json
import os
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

OUTCOME_COLUMNS = ("accepted", "diagnostic_code", "state", "slot_id", "trade_id")
COMMAND_COLUMNS = ("kind", "order_id", "side", "qty", "price", "reduce_only")
SLOT_COLUMNS = ("trade_id", "fsm_state", "size", "initial_size", "entry_price", "realized_pnl", "closed", "active_leg_index")
DECIMAL_COLUMNS = {"slot": {"size", "initial_size", "entry_price", "realized_pnl"}, "commands": {"qty", "price"}}
TOLERANT_COLUMNS = {"trade_exit_legs.fraction", "trade_exit_legs.pnl_pct_leg"}
ROW_KEYS = {
    "policy_decisions": ("decision_id",), "trade_intents": ("intent_id",), "kernel_outcomes": ("seq",), "order_events": ("order_id", "event"),
    "fills": ("fill_id",), "trade_events": ("trade_id", "event"), "trade_exit_legs": ("exit_leg_id",), "account_events": ("event_id",),
}
REL = Decimal("1e-12")
MISSING = object()


@dataclass
class Replay:
    """What the replay found: the first divergent step (None: in parity) and every difference there."""
    recorded_step: int
    recorded_signature: str
    step: int | None = None
    divergences: list[dict] = field(default_factory=list)
    reference: list[dict] = field(default_factory=list)
    candidate: list[dict] = field(default_factory=list)

    def table(self) -> str:
        rows = [("where", "row", "column", "reference", "candidate")] + [
            (d["where"], d["key"] or "", d["column"], d["reference"], d["candidate"]) for d in self.divergences]
        widths = [max(len(r[i]) for r in rows) for i in range(5)]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if "parity" not in data:
        raise ValueError(f"{path}: not a parity counterexample (no `parity` section); `workbench parity` writes them")
    return data


def _show(x) -> str:
    if x is MISSING:
        return "(missing)"
    if isinstance(x, str):
        return x
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e21:
        return str(int(x))
    return json.dumps(x)


def _dec(x):
    if isinstance(x, bool) or not isinstance(x, (int, float, str)):
        return None
    try:
        d = Decimal(str(x).strip()) if not isinstance(x, float) else Decimal(repr(x))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _same(policy: dict, key: str, a, b, decimal: bool) -> bool:
    if key in policy["ignore"]:
        return True
    x, y = _dec(a), _dec(b)
    tol = policy["tolerance"].get(key)
    if tol is not None and x is not None and y is not None and abs(x - y) <= Decimal(tol):
        return True
    if key in TOLERANT_COLUMNS and isinstance(a, (int, float)) and isinstance(b, (int, float)) and x is not None and y is not None:
        diff = abs(x - y)
        return diff <= abs(x) * REL or diff <= REL
    if decimal:
        return x == y if x is not None and y is not None else a == b
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b


def _numbered(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else f"{k} #{seen[k]}")
    return out


def _row_key(family: str, row: dict, i: int) -> str:
    cols = ROW_KEYS.get(family)
    if not cols:
        return f"#{i}"
    return " ".join(f"{c}={row.get(c) if isinstance(row.get(c), str) else _show(row.get(c))}" for c in cols)


def _compare_keyed(out, step, where, policy, ref, cand, keys, columns, decimal_cols) -> None:
    rk, ck = _numbered(keys(ref)), _numbered(keys(cand))
    cand_at = {k: j for j, k in enumerate(ck)}
    for i, k in enumerate(rk):
        j = cand_at.get(k)
        if j is None:
            out.append({"step": step, "where": where, "key": k, "column": "(missing row)", "reference": "present", "candidate": "absent"})
            continue
        a, b = ref[i], cand[j]
        for col in columns(a, b):
            va, vb = a.get(col, MISSING), b.get(col, MISSING)
            if not _same(policy, f"{where}.{col}", va, vb, col in decimal_cols):
                out.append({"step": step, "where": where, "key": k, "column": col, "reference": _show(va), "candidate": _show(vb)})
    for j, k in enumerate(ck):
        if k not in set(rk):
            out.append({"step": step, "where": where, "key": k, "column": "(extra row)", "reference": "absent", "candidate": json.dumps(cand[j])})


def compare_step(step: int, ref: dict, cand: dict, compare_rows: bool, policy: dict) -> list[dict]:
    """Every difference at one step, in the workbench's order: outcome, commands, slots, capital, rows."""
    out: list[dict] = []
    for k in OUTCOME_COLUMNS:
        a, b = ref["outcome"][k], cand.get("outcome", {}).get(k, MISSING)
        if not _same(policy, f"outcome.{k}", a, b, False):
            out.append({"step": step, "where": "outcome", "key": None, "column": k, "reference": _show(a), "candidate": _show(b)})
    _compare_keyed(out, step, "commands", policy, ref["commands"], cand.get("commands", []),
                   lambda xs: [f"{c['kind']} {c['order_id']}" for c in xs], lambda a, b: COMMAND_COLUMNS, DECIMAL_COLUMNS["commands"])
    _compare_keyed(out, step, "slot", policy, ref["slots"], cand.get("slots", []),
                   lambda xs: [f"slot {s['slot_id']}" for s in xs], lambda a, b: SLOT_COLUMNS, DECIMAL_COLUMNS["slot"])
    if not _same(policy, "account.capital", ref["capital"], cand.get("capital", MISSING), True):
        out.append({"step": step, "where": "account", "key": None, "column": "capital", "reference": ref["capital"], "candidate": _show(cand.get("capital", MISSING))})
    if compare_rows and "rows" in ref:
        families = list(dict.fromkeys([*ref["rows"], *cand.get("rows", {})]))
        for family in families:
            _compare_keyed(out, step, family, policy, ref["rows"].get(family, []), cand.get("rows", {}).get(family, []),
                           lambda xs, f=family: [_row_key(f, r, i) for i, r in enumerate(xs)],
                           lambda a, b: list(dict.fromkeys([*a, *b])), set())
    return out


def replay(path: str, kernel: str = "float_kernel") -> Replay:
    """Feeds the file's inputs to `kernel` (a module name with reset/step) and stops at the first divergent step."""
    data = load(path)
    p = data["parity"]
    policy = {"ignore": set(p["ignore"]), "tolerance": dict(p["tolerance"])}
    module = importlib.import_module(kernel)
    module.reset(json.loads(json.dumps(p["config"])))
    result = Replay(recorded_step=p["step"], recorded_signature=data["signature"])
    for i, kernel_input in enumerate(data["inputs"]):
        ref = p["reference"][i]
        cand = module.step(json.loads(json.dumps(kernel_input)))
        result.reference.append(ref)
        result.candidate.append(cand)
        differences = compare_step(i, ref, cand, p["comparedRows"], policy)
        if differences:
            result.step, result.divergences = i, differences
            break
    return result


def assert_parity(path: str, kernel: str = "float_kernel") -> None:
    """Fails (AssertionError) at the first step where `kernel` differs from the stored reference outputs."""
    r = replay(path, kernel)
    if r.step is not None:
        raise AssertionError(f"{kernel} diverges from the reference at step {r.step} of {path} "
                             f"(recorded: {r.recorded_signature} at step {r.recorded_step}):\n{r.table()}")


if __name__ == "__main__":
    # python3 examples/python/parity_replay.py FILE [KERNEL_MODULE]: prints the replay as JSON (exit 1 on a divergence).
    found = replay(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "float_kernel")
    print(json.dumps({"step": found.step, "recorded_step": found.recorded_step, "recorded_signature": found.recorded_signature,
                      "divergences": found.divergences}))
    sys.exit(0 if found.step is None else 1)
