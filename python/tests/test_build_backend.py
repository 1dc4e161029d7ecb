"""The in-tree build backend (build_backend/dita_build.py): a wheel pip can trust, an sdist that builds again,
an editable wheel that points at src/."""
import base64
import csv
import hashlib
import io
import os
import sys
import tarfile
import tempfile
import unittest
import zipfile

import support

sys.path.insert(0, os.path.join(support.REPO, "python", "build_backend"))
import dita_build  # noqa: E402

PACKAGE_DIR = os.path.join(support.REPO, "python", "src", "dita_workbench")


class Wheel(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.mkdtemp()
        self.name = dita_build.build_wheel(self.dir)

    def test_the_wheel_holds_every_module_and_py_typed_and_a_record_whose_hashes_match(self) -> None:
        self.assertRegex(self.name, r"^dita_workbench-\d+\.\d+\.\d+-py3-none-any\.whl$")
        with zipfile.ZipFile(os.path.join(self.dir, self.name)) as whl:
            names = whl.namelist()
            expected = sorted(f"dita_workbench/{n}" for n in os.listdir(PACKAGE_DIR) if n.endswith(".py") or n == "py.typed")
            self.assertEqual(sorted(n for n in names if n.startswith("dita_workbench/")), expected)
            self.assertIn("dita_workbench/py.typed", names)
            info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/RECORD"))
            metadata = whl.read(f"{info}/METADATA").decode()
            self.assertIn("Name: dita-workbench\n", metadata)
            self.assertIn("Requires-Python: >=3.9\n", metadata)
            import dita_workbench
            self.assertIn(f"Version: {dita_workbench.__version__}\n", metadata)
            record = list(csv.reader(io.StringIO(whl.read(f"{info}/RECORD").decode())))
            self.assertEqual(sorted(r[0] for r in record), sorted(names))
            for path, digest, size in record:
                if path.endswith("RECORD"):
                    self.assertEqual((digest, size), ("", ""))
                    continue
                data = whl.read(path)
                self.assertEqual(digest, "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode(), path)
                self.assertEqual(int(size), len(data), path)

    def test_the_same_sources_give_the_same_wheel_bytes(self) -> None:
        again = tempfile.mkdtemp()
        dita_build.build_wheel(again)
        with open(os.path.join(self.dir, self.name), "rb") as a, open(os.path.join(again, self.name), "rb") as b:
            self.assertEqual(a.read(), b.read())


class SdistAndEditable(unittest.TestCase):
    def test_the_sdist_holds_what_a_build_needs_and_no_bytecode(self) -> None:
        out = tempfile.mkdtemp()
        name = dita_build.build_sdist(out)
        with tarfile.open(os.path.join(out, name)) as tar:
            names = tar.getnames()
        root = name[: -len(".tar.gz")]
        for needed in ("pyproject.toml", "build_backend/dita_build.py", "src/dita_workbench/py.typed", "src/dita_workbench/messages.py", "PKG-INFO"):
            self.assertIn(f"{root}/{needed}", names)
        self.assertFalse([n for n in names if "__pycache__" in n or n.endswith(".pyc")])

    def test_the_editable_wheel_puts_src_on_sys_path(self) -> None:
        out = tempfile.mkdtemp()
        with zipfile.ZipFile(os.path.join(out, dita_build.build_editable(out))) as whl:
            pth = whl.read("dita_workbench.pth").decode().strip()
        self.assertEqual(os.path.realpath(pth), os.path.realpath(os.path.join(support.REPO, "python", "src")))


if __name__ == "__main__":
    unittest.main()
