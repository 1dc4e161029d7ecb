"""A PEP 517 / PEP 660 build backend in the standard library, for this one package (pyproject.toml says why).

It packs src/dita_workbench/ (its .py files and py.typed) into a wheel whose metadata comes from pyproject.toml's
[project] table; the sdist holds pyproject.toml, README.md, build_backend/ and src/. An editable install is a
wheel holding one .pth file that puts src/ on sys.path.
"""
from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile
from typing import Any, Mapping, Optional

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "dita_workbench"
# Fixed timestamps make the wheel's bytes depend on its contents only.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _project() -> dict[str, str]:
    """The [project] table's single-line string keys (all this backend needs; tomllib is Python 3.11+ only)."""
    with open(os.path.join(HERE, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    table = re.search(r"^\[project\]\n(.*?)(?=^\[|\Z)", text, re.S | re.M)
    if table is None:
        raise RuntimeError("pyproject.toml: no [project] table")
    return dict(re.findall(r'^([A-Za-z-]+)\s*=\s*"([^"\n]*)"\s*$', table.group(1), re.M))


def _metadata() -> str:
    p = _project()
    lines = ["Metadata-Version: 2.1", f"Name: {p['name']}", f"Version: {p['version']}", f"Summary: {p.get('description', '')}",
             f"Requires-Python: {p.get('requires-python', '>=3')}", "Classifier: Typing :: Typed"]
    readme = os.path.join(HERE, "README.md")
    if os.path.exists(readme):
        with open(readme, encoding="utf-8") as f:
            lines += ["Description-Content-Type: text/markdown", "", f.read()]
    return "\n".join(lines) + "\n"


def _dist_name() -> str:
    p = _project()
    return f"{re.sub(r'[-_.]+', '_', p['name'])}-{p['version']}"


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _write_wheel(directory: str, files: list[tuple[str, bytes]]) -> str:
    dist = _dist_name()
    info = f"{dist}.dist-info"
    files = files + [(f"{info}/METADATA", _metadata().encode()),
                     (f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: dita_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n")]
    record = "\n".join([_record_line(n, d) for n, d in files] + [f"{info}/RECORD,,"]) + "\n"
    name = f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(directory, name), "w", zipfile.ZIP_DEFLATED) as whl:
        for n, d in files + [(f"{info}/RECORD", record.encode())]:
            entry = zipfile.ZipInfo(n, ZIP_TIME)
            entry.external_attr = 0o644 << 16
            whl.writestr(entry, d, zipfile.ZIP_DEFLATED)
    return name


def _package_files() -> list[tuple[str, bytes]]:
    src = os.path.join(HERE, "src", PACKAGE)
    out = []
    for name in sorted(os.listdir(src)):
        if name.endswith(".py") or name == "py.typed":
            with open(os.path.join(src, name), "rb") as f:
                out.append((f"{PACKAGE}/{name}", f.read()))
    return out


def get_requires_for_build_wheel(config_settings: Optional[Mapping[str, Any]] = None) -> list[str]:
    return []


get_requires_for_build_sdist = get_requires_for_build_editable = get_requires_for_build_wheel


def build_wheel(wheel_directory: str, config_settings: Optional[Mapping[str, Any]] = None,
                metadata_directory: Optional[str] = None) -> str:
    return _write_wheel(wheel_directory, _package_files())


def build_editable(wheel_directory: str, config_settings: Optional[Mapping[str, Any]] = None,
                   metadata_directory: Optional[str] = None) -> str:
    return _write_wheel(wheel_directory, [(f"{PACKAGE}.pth", (os.path.join(HERE, "src") + "\n").encode())])


def build_sdist(sdist_directory: str, config_settings: Optional[Mapping[str, Any]] = None) -> str:
    dist = _dist_name()
    name = f"{dist}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for top in ("pyproject.toml", "README.md", "build_backend", "src"):
            path = os.path.join(HERE, top)
            if os.path.exists(path):
                tar.add(path, arcname=f"{dist}/{top}", filter=lambda t: None if "__pycache__" in t.name else t)
        pkg_info = _metadata().encode()
        entry = tarfile.TarInfo(f"{dist}/PKG-INFO")
        entry.size = len(pkg_info)
        tar.addfile(entry, io.BytesIO(pkg_info))
    return name
