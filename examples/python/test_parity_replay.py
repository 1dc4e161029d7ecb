"""pytest: a saved parity counterexample replayed in-process against the Python float kernel.

The committed file examples/python/counterexamples/float-kernel-commands-qty.json was written by

    npx workbench parity --candidate-cmd "python3 examples/python/float_kernel.py" --mix core --no-corpus

(the float kernel floors 0.5 × 0.564 / 0.001 to 281 steps and sends an exit order of 0.281 where the reference
sends 0.282). Point PARITY_COUNTEREXAMPLE at another file to replay that one. Run:

    python3 -m pytest examples/python/test_parity_replay.py          # or: python3 examples/python/test_parity_replay.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _checkout  # noqa: E402,F401  (dita_workbench from python/src when it is not installed)
from dita_workbench.replay import assert_parity, load, replay  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
COUNTEREXAMPLE = os.environ.get("PARITY_COUNTEREXAMPLE", os.path.join(HERE, "counterexamples", "float-kernel-commands-qty.json"))


def test_the_recorded_divergence_reproduces_in_process():
    r = replay(COUNTEREXAMPLE, kernel="float_kernel")
    assert r.step == r.recorded_step
    first = r.divergences[0]
    assert f"{first['where']}.{first['column']}" == r.recorded_signature
    recorded = load(COUNTEREXAMPLE)["parity"]["divergences"][0]
    assert (first["reference"], first["candidate"]) == (recorded["reference"], recorded["candidate"])


def test_assert_parity_names_the_step_and_the_column():
    try:
        assert_parity(COUNTEREXAMPLE, kernel="float_kernel")
    except AssertionError as e:
        message = str(e)
    else:
        raise AssertionError("the float kernel was expected to diverge")
    r = replay(COUNTEREXAMPLE, kernel="float_kernel")
    assert f"at step {r.step}" in message
    assert r.divergences[0]["column"] in message


def test_the_decimal_kernel_agrees_at_every_step_of_the_same_counterexample():
    r = replay(COUNTEREXAMPLE, kernel="decimal_kernel")
    assert r.step is None, r.table()
    assert len(r.candidate) == len(load(COUNTEREXAMPLE)["inputs"])


if __name__ == "__main__":
    failed = 0
    for name, test in [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_") and callable(f)]:
        try:
            test()
            print(f"PASS {name}")
        except AssertionError as e:
            failed += 1
            print(f"FAIL {name}: {e}")
    print(json.dumps({"failed": failed}))
    sys.exit(1 if failed else 0)
