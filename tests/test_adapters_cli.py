"""The adapter commands as a user runs them: `credbridge adapters` and `credbridge translate`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "fixtures" / "profiles"
CREDBRIDGE = Path(sys.executable).parent / "credbridge"
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


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CREDBRIDGE), *args], capture_output=True, text=True, input=stdin, timeout=120, check=False
    )


def test_adapters_lists_every_builtin_target() -> None:
    result = run("adapters")
    assert result.returncode == 0, result.stderr
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == sorted(names)
    assert set(TARGETS) <= set(names)
    assert "HR Open LER-RS 4.4" in result.stdout


def test_translate_to_lerrs_prints_the_record_and_losses() -> None:
    result = run("translate", "--to", "lerrs", "--losses", str(PROFILES / "licenses.json"))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["licenses"][0]["id"] == {"value": "RN.512345"}
    assert "credentials[2].verification.document: dropped:" in result.stderr


def test_translate_to_workday_prints_xml() -> None:
    result = run("translate", "--to", "workday", str(PROFILES / "resume_only.json"))
    assert result.returncode == 0, result.stderr
    root = etree.fromstring(result.stdout.encode("utf-8"))
    assert root.find(".//{urn:com.workday/bsvc}Certification_Name").text.startswith("AWS Certified")


def test_translate_reads_stdin_and_prints_csv() -> None:
    profile = (PROFILES / "resume_only.json").read_text(encoding="utf-8")
    result = run("translate", "--to", "csv", "-", stdin=profile)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("name,kind,issuer") and len(lines) == 4


def test_unknown_target_exits_2_with_the_list() -> None:
    result = run("translate", "--to", "taleo", str(PROFILES / "sparse.json"))
    assert result.returncode == 2
    assert "unknown target 'taleo'" in result.stderr
    for name in TARGETS:
        assert name in result.stderr


def test_a_file_that_is_not_a_profile_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"credentials": [{"issuer": "no name"}]}), encoding="utf-8")
    result = run("translate", "--to", "jsonresume", str(bad))
    assert result.returncode == 2
    assert "not a CandidateProfile" in result.stderr and "Traceback" not in result.stderr
