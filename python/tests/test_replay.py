"""The replay helper on the committed parity counterexample, and on a gate file made of the same inputs."""
import json
import os
import tempfile
import unittest
from typing import Any

import support
from dita_workbench.messages import KernelConfig, KernelInput, StepResult
from dita_workbench.replay import assert_parity, load, replay


def gate_file_of(parity_path: str) -> str:
    """The parity file's inputs as the gate writes them: no parity section, no outputs, slots and capital only."""
    data = load(parity_path)
    gate = {k: v for k, v in data.items() if k != "parity"}
    gate.update(invariantId="INV-M-COMMANDS", signature="INV-M-COMMANDS @ POSITION_OPEN --EXIT--> EXIT_REQUESTED")
    fd, path = tempfile.mkstemp(suffix=".json")
    with os.fdopen(fd, "w") as f:
        json.dump(gate, f)
    return path


class ParityFile(unittest.TestCase):
    def test_the_float_kernel_diverges_at_the_recorded_step_and_column(self) -> None:
        r = replay(support.PARITY_FILE, kernel="float_kernel")
        recorded = load(support.PARITY_FILE)["parity"]["divergences"][0]
        self.assertEqual((r.kind, r.compared, r.step), ("parity", True, r.recorded_step))
        self.assertEqual((r.divergences[0]["where"], r.divergences[0]["column"]), (recorded["where"], recorded["column"]))
        self.assertEqual((r.divergences[0]["reference"], r.divergences[0]["candidate"]), (recorded["reference"], recorded["candidate"]))

    def test_the_decimal_kernel_is_in_parity_at_every_step(self) -> None:
        r = replay(support.PARITY_FILE, kernel="decimal_kernel")
        self.assertIsNone(r.step, r.table())
        self.assertEqual(len(r.candidate), len(load(support.PARITY_FILE)["inputs"]))

    def test_a_kernel_object_replays_like_a_module_and_the_file_data_stays_untouched(self) -> None:
        import decimal_kernel

        class Mutating:
            """The decimal kernel, but it scribbles over the input it is given (a replay must not care)."""
            def reset(self, config: KernelConfig) -> None:
                decimal_kernel.reset(config)

            def step(self, kernel_input: KernelInput) -> StepResult:
                result: StepResult = decimal_kernel.step(kernel_input)
                kernel_input["kind"] = "scribbled"
                return result
        self.assertIsNone(replay(support.PARITY_FILE, kernel=Mutating()).step)

    def test_assert_parity_names_the_step_and_the_divergent_column(self) -> None:
        with self.assertRaises(AssertionError) as failed:
            assert_parity(support.PARITY_FILE, kernel="float_kernel")
        self.assertIn("float_kernel diverges from the reference at step 2", str(failed.exception))
        self.assertRegex(str(failed.exception), r"commands\s+SUBMIT T1:X0\s+qty\s+0\.282\s+0\.281")


class GateFile(unittest.TestCase):
    def setUp(self) -> None:
        self.path = gate_file_of(support.PARITY_FILE)

    def tearDown(self) -> None:
        os.unlink(self.path)

    def test_beside_a_reference_kernel_it_diverges_where_parity_did(self) -> None:
        r = replay(self.path, kernel="float_kernel", reference="decimal_kernel")
        self.assertEqual((r.kind, r.compared, r.invariant_id), ("gate", True, "INV-M-COMMANDS"))
        self.assertEqual(r.step, load(support.PARITY_FILE)["parity"]["step"])
        self.assertIn("qty", [d["column"] for d in r.divergences if d["where"] == "commands"])

    def test_alone_it_runs_every_input_and_compares_nothing(self) -> None:
        r = replay(self.path, kernel="float_kernel")
        self.assertEqual((r.compared, r.step, r.reference), (False, None, []))
        self.assertEqual(len(r.candidate), len(load(self.path)["inputs"]))
        with self.assertRaisesRegex(ValueError, "stores no reference outputs"):
            assert_parity(self.path, kernel="float_kernel")

    def test_the_gate_config_gets_the_reference_default_instruments(self) -> None:
        seen: list[Any] = []

        class Recording:
            def reset(self, config: KernelConfig) -> None:
                seen.append(config)

            def step(self, kernel_input: KernelInput) -> StepResult:
                return {"outcome": {"accepted": False, "diagnostic_code": "X", "state": None, "slot_id": None, "trade_id": None},
                        "commands": [], "slots": [], "capital": "0"}
        replay(self.path, kernel=Recording())
        self.assertEqual(sorted(seen[0]["instruments"]), ["BTCUSDT", "ETHUSDT"])
        self.assertEqual(seen[0]["slotCount"], load(self.path)["config"]["slotCount"])


class Names(unittest.TestCase):
    def test_the_submodule_is_not_shadowed_by_a_function_of_the_same_name(self) -> None:
        import types

        import dita_workbench.replay as module
        self.assertIsInstance(module, types.ModuleType)
        self.assertTrue(callable(module.replay))


class NotACounterexample(unittest.TestCase):
    def test_a_file_without_inputs_is_refused_naming_the_field(self) -> None:
        fd, path = tempfile.mkstemp(suffix=".json")
        with os.fdopen(fd, "w") as f:
            json.dump({"config": {}, "invariantId": "X", "signature": "X"}, f)
        try:
            with self.assertRaisesRegex(ValueError, rf"{path}: not a counterexample file: field inputs is None"):
                replay(path, kernel="float_kernel")
        finally:
            os.unlink(path)


if __name__ == "__main__":
    unittest.main()
