"""The row writer's rows have the columns of schemas/<family>.schema.json, in schema order (the single source)."""
import json
import os
import unittest
from typing import Any

import support
from dita_workbench.replay import replay


def schema_columns(family: str) -> list[str]:
    with open(os.path.join(support.SCHEMAS, f"{family}.schema.json"), encoding="utf-8") as f:
        schema: dict[str, Any] = json.load(f)
    return list(schema["required"])


class BlueRows(unittest.TestCase):
    def test_every_row_a_kernel_writes_has_its_family_schema_columns_in_order(self) -> None:
        r = replay(support.PARITY_FILE, kernel="decimal_kernel")
        families: set[str] = set()
        for result in r.candidate:
            for family, rows in result["rows"].items():
                families.add(family)
                for row in rows:
                    self.assertEqual(list(row), schema_columns(family), family)
        # the committed counterexample enters, fills and exits a trade: most families appear
        self.assertGreaterEqual(len(families), 6, sorted(families))

    def test_kernel_outcomes_are_numbered_from_zero_one_per_step(self) -> None:
        r = replay(support.PARITY_FILE, kernel="decimal_kernel")
        self.assertEqual([row["seq"] for result in r.candidate for row in result["rows"]["kernel_outcomes"]], list(range(len(r.candidate))))


if __name__ == "__main__":
    unittest.main()
