"""Replay a saved counterexample against a Python kernel in this process, for your own debugger (and pytest).

A counterexample file (schemas/counterexample.schema.json) holds the inputs of a failing run. `workbench parity`
adds a `parity` section with the reference kernel's outputs at every step, so a parity file needs no workbench:
this module resets your kernel with the recorded configuration, feeds it the inputs one by one and compares each
`StepResult` with the stored reference outputs the way the workbench does (outcome, commands, slots, capital, rows
aligned by key; decimals exact; spec/rows.md's tolerance for the two Float64 quotient columns; the run's
--ignore/--tolerance). A gate file (`workbench gate`) stores no outputs: it replays against your kernel alone
(its outputs are kept for you to inspect), or against a reference kernel module you name (`reference=`).

In pytest:

    from dita_workbench.replay import assert_parity

    def test_parity_counterexample():
        assert_parity(".workbench/counterexamples/parity-commands.qty-seed1-7.json", kernel="my_kernel")

then `python3 -m pytest --pdb …` stops inside your kernel's step at the divergent input. A kernel is a module
(or any object) with `reset(config: KernelConfig)` and `step(kernel_input: KernelInput) -> StepResult`.
"""
from __future__ import annotations

import importlib
import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import ModuleType
from typing import Any, Callable, Mapping, Optional, Protocol, Sequence, TypedDict, Union, cast

from .messages import KernelConfig, KernelInput, StepResult

OUTCOME_COLUMNS = ("accepted", "diagnostic_code", "state", "slot_id", "trade_id")
COMMAND_COLUMNS = ("kind", "order_id", "side", "qty", "price", "reduce_only")
SLOT_COLUMNS = ("trade_id", "fsm_state", "size", "initial_size", "entry_price", "realized_pnl", "closed", "active_leg_index")
DECIMAL_COLUMNS = {"slot": {"size", "initial_size", "entry_price", "realized_pnl"}, "commands": {"qty", "price"}}
TOLERANT_COLUMNS = {"trade_exit_legs.fraction", "trade_exit_legs.pnl_pct_leg"}
ROW_KEYS = {
    "policy_decisions": ("decision_id",), "trade_intents": ("intent_id",), "kernel_outcomes": ("seq",), "order_events": ("order_id", "event"),
    "fills": ("fill_id",), "trade_events": ("trade_id", "event"), "trade_exit_legs": ("exit_leg_id",), "account_events": ("event_id",),
}
# The reference kernel's instruments when a run names none (src/kernel/state.ts DEFAULT_INSTRUMENTS): a gate file
# records only slotCount and initialCapital. tests/python/package.test.ts keeps the two equal.
DEFAULT_INSTRUMENTS = {
    "BTCUSDT": {"priceTick": "0.1", "qtyStep": "0.001", "minQty": "0.001", "minNotional": "5"},
    "ETHUSDT": {"priceTick": "0.01", "qtyStep": "0.001", "minQty": "0.001", "minNotional": "5"},
}
REL = Decimal("1e-12")
MISSING = object()


class Kernel(Protocol):
    """What the replay (and `bridge.serve_kernel`) needs of a kernel."""

    def reset(self, config: KernelConfig) -> None: ...

    def step(self, kernel_input: KernelInput) -> StepResult: ...


class Divergence(TypedDict):
    step: int
    where: str
    key: Optional[str]
    column: str
    reference: str
    candidate: str


class Policy(TypedDict):
    ignore: set[str]
    tolerance: dict[str, str]


@dataclass
class Replay:
    """What the replay found: the first divergent step (None: in parity, or nothing to compare) and its differences."""
    kind: str  # "parity" or "gate"
    compared: bool  # False: a gate file replayed without a reference kernel (outputs recorded, nothing compared)
    recorded_step: Optional[int]
    recorded_signature: str
    invariant_id: str
    message: str
    step: Optional[int] = None
    divergences: list[Divergence] = field(default_factory=list)
    reference: list[Mapping[str, Any]] = field(default_factory=list)
    candidate: list[Mapping[str, Any]] = field(default_factory=list)

    def table(self) -> str:
        rows = [("where", "row", "column", "reference", "candidate")] + [
            (d["where"], d["key"] or "", d["column"], d["reference"], d["candidate"]) for d in self.divergences]
        widths = [max(len(r[i]) for r in rows) for i in range(5)]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def load(path: str) -> dict[str, Any]:
    """A counterexample file, parity or gate; ValueError naming the file and the field when it is neither."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a counterexample file: the top level is {type(data).__name__}, not an object")
    for key, kind in (("inputs", list), ("config", dict), ("invariantId", str), ("signature", str)):
        if not isinstance(data.get(key), kind):
            raise ValueError(f"{path}: not a counterexample file: field {key} is {data.get(key)!r}")
    return data


def kernel_config_of(data: Mapping[str, Any]) -> KernelConfig:
    """The configuration the kernel was reset with: parity records it whole; the gate records slots and capital."""
    if "parity" in data:
        return cast(KernelConfig, json.loads(json.dumps(data["parity"]["config"])))
    config = data["config"]
    return {"slotCount": config["slotCount"], "initialCapital": config["initialCapital"],
            "instruments": json.loads(json.dumps(DEFAULT_INSTRUMENTS))}


def _show(x: object) -> str:
    if x is MISSING:
        return "(missing)"
    if isinstance(x, str):
        return x
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e21:
        return str(int(x))
    return json.dumps(x)


def _dec(x: object) -> Optional[Decimal]:
    if isinstance(x, bool) or not isinstance(x, (int, float, str)):
        return None
    try:
        d = Decimal(str(x).strip()) if not isinstance(x, float) else Decimal(repr(x))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _same(policy: Policy, key: str, a: object, b: object, decimal: bool) -> bool:
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
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _numbered(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else f"{k} #{seen[k]}")
    return out


def _row_key(family: str, row: Mapping[str, Any], i: int) -> str:
    cols = ROW_KEYS.get(family)
    if not cols:
        return f"#{i}"
    return " ".join(f"{c}={row.get(c) if isinstance(row.get(c), str) else _show(row.get(c))}" for c in cols)


Records = Sequence[Mapping[str, Any]]


def _row_keys_of(family: str) -> Callable[[Records], list[str]]:
    return lambda rows: [_row_key(family, r, i) for i, r in enumerate(rows)]


def _compare_keyed(out: list[Divergence], step: int, where: str, policy: Policy, ref: Records, cand: Records,
                   keys: Callable[[Records], list[str]], columns: Callable[[Mapping[str, Any], Mapping[str, Any]], Sequence[str]],
                   decimal_cols: set[str]) -> None:
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


def compare_step(step: int, ref: Mapping[str, Any], cand: Mapping[str, Any], compare_rows: bool, policy: Policy) -> list[Divergence]:
    """Every difference at one step, in the workbench's order: outcome, commands, slots, capital, rows."""
    out: list[Divergence] = []
    for k in OUTCOME_COLUMNS:
        a, b = ref["outcome"][k], cand.get("outcome", {}).get(k, MISSING)
        if not _same(policy, f"outcome.{k}", a, b, False):
            out.append({"step": step, "where": "outcome", "key": None, "column": k, "reference": _show(a), "candidate": _show(b)})
    _compare_keyed(out, step, "commands", policy, ref["commands"], cand.get("commands", []),
                   lambda xs: [f"{c['kind']} {c['order_id']}" for c in xs], lambda a, b: COMMAND_COLUMNS, DECIMAL_COLUMNS["commands"])
    _compare_keyed(out, step, "slot", policy, ref["slots"], cand.get("slots", []),
                   lambda xs: [f"slot {s['slot_id']}" for s in xs], lambda a, b: SLOT_COLUMNS, DECIMAL_COLUMNS["slot"])
    if not _same(policy, "account.capital", ref["capital"], cand.get("capital", MISSING), True):
        out.append({"step": step, "where": "account", "key": None, "column": "capital", "reference": _show(ref["capital"]),
                    "candidate": _show(cand.get("capital", MISSING))})
    if compare_rows and "rows" in ref:
        families = list(dict.fromkeys([*ref["rows"], *cand.get("rows", {})]))
        for family in families:
            _compare_keyed(out, step, family, policy, ref["rows"].get(family, []), cand.get("rows", {}).get(family, []),
                           _row_keys_of(family),
                           lambda a, b: list(dict.fromkeys([*a, *b])), set())
    return out


def _kernel(kernel: Union[str, Kernel, ModuleType]) -> Kernel:
    return cast(Kernel, importlib.import_module(kernel) if isinstance(kernel, str) else kernel)


def _fresh(x: Any) -> Any:
    """A deep copy through JSON, so a kernel that keeps or changes what it was given cannot alter the file's data."""
    return json.loads(json.dumps(x))


def replay(path: str, kernel: Union[str, Kernel, ModuleType] = "float_kernel",
           reference: Union[str, Kernel, ModuleType, None] = None) -> Replay:
    """Feeds the file's inputs to `kernel` (a module name, or an object with reset/step) and stops at the first
    step that differs from the reference outputs: the parity file's stored ones, or those of `reference` (a kernel
    run beside it, also in-process) when given. A gate file without `reference` runs to the end, compared with nothing."""
    data = load(path)
    parity = data.get("parity")
    config = kernel_config_of(data)
    candidate = _kernel(kernel)
    candidate.reset(_fresh(config))
    oracle = _kernel(reference) if reference is not None else None
    if oracle is not None:
        oracle.reset(_fresh(config))
    policy: Policy = {"ignore": set(parity["ignore"]), "tolerance": dict(parity["tolerance"])} if parity else {"ignore": set(), "tolerance": {}}
    result = Replay(kind="parity" if parity else "gate", compared=parity is not None or oracle is not None,
                    recorded_step=parity["step"] if parity else None, recorded_signature=data["signature"],
                    invariant_id=data["invariantId"], message=str(data.get("message", "")))
    for i, kernel_input in enumerate(data["inputs"]):
        cand: Mapping[str, Any] = candidate.step(_fresh(kernel_input))
        result.candidate.append(cand)
        ref: Optional[Mapping[str, Any]] = oracle.step(_fresh(kernel_input)) if oracle is not None else parity["reference"][i] if parity else None
        if ref is None:
            continue
        result.reference.append(ref)
        compare_rows = parity["comparedRows"] if parity and oracle is None else "rows" in ref and "rows" in cand
        differences = compare_step(i, ref, cand, compare_rows, policy)
        if differences:
            result.step, result.divergences = i, differences
            break
    return result


def assert_parity(path: str, kernel: Union[str, Kernel, ModuleType] = "float_kernel",
                  reference: Union[str, Kernel, ModuleType, None] = None) -> None:
    """Fails (AssertionError) at the first step where `kernel` differs from the reference outputs."""
    r = replay(path, kernel, reference)
    name = kernel if isinstance(kernel, str) else getattr(kernel, "__name__", type(kernel).__name__)
    if not r.compared:
        raise ValueError(f"{path}: a gate counterexample stores no reference outputs; name a reference kernel "
                         f"(reference=\"my_reference_kernel\") or replay it with `npx workbench replay {path} --kernel-cmd …`")
    if r.step is not None:
        recorded = f"recorded: {r.recorded_signature} at step {r.recorded_step}" if r.kind == "parity" else f"recorded: {r.recorded_signature}"
        raise AssertionError(f"{name} diverges from the reference at step {r.step} of {path} ({recorded}):\n{r.table()}")


def main(argv: Sequence[str]) -> int:
    """python3 -m dita_workbench replay FILE [KERNEL_MODULE [REFERENCE_MODULE]]: the replay as JSON; exit 1 on a
    divergence, 2 on a file that is not a counterexample."""
    if not argv:
        print("usage: python3 -m dita_workbench replay FILE [KERNEL_MODULE [REFERENCE_MODULE]]", file=sys.stderr)
        return 2
    try:
        found = replay(argv[0], argv[1] if len(argv) > 1 else "float_kernel", argv[2] if len(argv) > 2 else None)
    except (OSError, ValueError) as e:  # json.JSONDecodeError is a ValueError
        print(f"dita_workbench.replay: {e}", file=sys.stderr)
        return 2
    print(json.dumps({"kind": found.kind, "compared": found.compared, "step": found.step, "recorded_step": found.recorded_step,
                      "recorded_signature": found.recorded_signature, "divergences": found.divergences}))
    return 0 if found.step is None else 1
