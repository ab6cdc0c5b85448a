"""The wheel built from the repository carries the built-in adapters and their schema files.

Built offline (`--no-isolation`) from a copy of the sources, installed with `--no-index` into a
fresh virtualenv whose only extra path is the project venv's site-packages (for the
dependencies), then `credbridge adapters` and `credbridge translate` run from that install.
The wheel's own dist-info comes first on the path, so its entry points are the ones read.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TARGETS = (
    "bullhorn",
    "csv",
    "greenhouse",
    "jsonresume",
    "lerrs",
    "lever",
    "oracle",
    "schemaorg",
    "smartrecruiters",
    "successfactors",
    "workday",
)


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


@pytest.mark.timeout(60)
def test_wheel_includes_adapters_and_schemas(tmp_path: Path) -> None:
    source = tmp_path / "src-copy"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "NOTICE"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for folder in ("src", "adapters"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, source)
    (wheel,) = dist.glob("credbridge-*.whl")

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    assert "credbridge_adapters/lerrs/schema/www.hropenstandards.org/recruiting/json/LER-RSType.json" in names
    assert (
        "credbridge_adapters/lerrs/schema/www.hropenstandards.org/recruiting/json/ler-rs/1EdTech/"
        "ob_v3p0_achievementcredential_schema_draft4.json" in names
    )
    assert "credbridge_adapters/jsonresume/schema/schema.json" in names
    assert "credbridge_adapters/jsonresume/schema/LICENSE.md" in names
    assert not [n for n in names if "/golden/" in n], "golden records are test data, not package data"
    for target in TARGETS:
        assert f"{target} = credbridge_adapters.{target}:adapter" in entry_points

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    site = Path(
        _run(
            venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"
        ).stdout.strip()
    )
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        venv / "bin" / "python",
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        wheel,
    )
    # Dependencies come from the project venv, appended after the wheel's own site-packages.
    (site / "zz_project_deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")

    where = _run(
        venv / "bin" / "python", "-c", "import credbridge_adapters; print(credbridge_adapters.__file__)"
    )
    assert where.stdout.strip().startswith(str(site))
    listed = _run(venv / "bin" / "credbridge", "adapters").stdout
    assert set(TARGETS) <= {line.split()[0] for line in listed.splitlines()}
    record = _run(
        venv / "bin" / "credbridge",
        "translate",
        "--to",
        "lerrs",
        ROOT / "fixtures" / "profiles" / "verified_badge.json",
    ).stdout
    # The OB 3.0 schema check ran against the schema files inside the installed wheel.
    assert '"otherW3CVerifiableCredential"' in record
