"""Lone surrogates (issue 13): a real PDF, HTML and text resumes and credential JSON holding them
must still print, through every writer: JSON, CSV, XML, stdout and `batch --out` files.

UTF-8 cannot encode U+D800..U+DFFF alone, so one surrogate that reaches a writer ends the
command in "internal error (UnicodeEncodeError ... surrogates not allowed)" with nothing
printed. Each case reads its output back as strict UTF-8 and finds U+FFFD where the lone
surrogate was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from fuzz.hostile import lone_surrogate_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REPLACED = "Solutions Architect \ufffd Associate"

HTML = (
    b"<html><body><h1>Jane Doe</h1><p>jane@example.org</p><h2>Certifications</h2>"
    b"<p>AWS Certified Solutions Architect &#xD800; Associate, 2023</p>"
    b"<p>PMP \xed\xa0\x80 2021</p></body></html>"
)
"""A character reference to a surrogate, and UTF-8 that encodes one (what a broken tool writes)."""
TEXT = (
    b"Jane Doe\njane@example.org\n\nCertifications\n"
    b"AWS Certified Solutions Architect \xed\xb0\x80 Associate, 2023\n"
)


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The CLI in a fresh interpreter, so that PYTHONPATH can point it at another source tree."""
    result = subprocess.run(
        [sys.executable, "-c", "from credbridge.cli import main; main()", *args],
        capture_output=True,
        input=stdin,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return result


@pytest.fixture(scope="module")
def resumes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("surrogates")
    files = {"cv.pdf": lone_surrogate_pdf(), "cv.html": HTML, "cv.txt": TEXT}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in files}


def test_the_pdf_text_layer_really_holds_lone_surrogates() -> None:
    """The hand-written PDF is the issue's case: pdfium itself hands over U+D800 and U+DFFF, and
    an emoji as its two halves (pypdfium2's get_text_range hides this: it decodes with "ignore")."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    textpage = pdfium.PdfDocument(lone_surrogate_pdf())[0].get_textpage()
    codes = [raw.FPDFText_GetUnicode(textpage.raw, i) for i in range(raw.FPDFText_CountChars(textpage.raw))]
    assert [code for code in codes if 0xD800 <= code <= 0xDFFF] == [0xD800, 0xDFFF, 0xD83D, 0xDE00]


def test_parse_prints_each_profile(resumes: dict[str, Path]) -> None:
    result = _cli("parse", "--offline", "--no-resolve", *map(str, resumes.values()))
    assert result.returncode == 0
    profiles = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [profile["document"]["format"] for profile in profiles] == ["pdf", "html", "text"]
    for profile in profiles:
        assert profile["person"]["name"] == "Jane Doe"
        assert REPLACED in json.dumps(profile, ensure_ascii=False)


def test_parse_several_files_to_csv_and_xml(resumes: dict[str, Path]) -> None:
    paths = [str(path) for path in resumes.values()]
    table = _cli("parse", "--offline", "--no-resolve", "--to", "csv", *paths)
    assert table.returncode == 0
    rows = list(csv.DictReader(io.StringIO(table.stdout.decode("utf-8"))))
    assert {row["file"] for row in rows} == set(paths)
    assert sum(REPLACED in row["name"] for row in rows) == 3
    xml = _cli("parse", "--offline", "--no-resolve", "--to", "workday", *paths)
    assert xml.returncode == 0
    assert REPLACED in "".join(fromstring(xml.stdout).itertext())


@pytest.mark.parametrize("suffix", ["jsonl", "parquet", "dir"])
def test_batch_output_files(resumes: dict[str, Path], tmp_path: Path, suffix: str) -> None:
    out = tmp_path / ("out" if suffix == "dir" else f"out.{suffix}")
    args = ["--format", "dir", "--to", "workday"] if suffix == "dir" else []
    result = _cli(
        "batch",
        "--offline",
        "--no-resolve",
        "-q",
        "--workers",
        "1",
        *args,
        *map(str, resumes.values()),
        "--out",
        str(out),
    )
    assert result.returncode == 0
    if suffix == "parquet":
        import pyarrow.parquet as pq

        names = pq.read_table(out / "credentials", columns=["name"]).column("name").to_pylist()
        assert sum(REPLACED in name for name in names) == 3
        return
    files = sorted(out.iterdir()) if suffix == "dir" else [out]
    written = "".join(path.read_bytes().decode("utf-8") for path in files)
    assert written.count(REPLACED) >= 3


@pytest.fixture()
def profile_with_surrogates(tmp_path: Path) -> Path:
    """A CandidateProfile as Python's json writes one holding lone surrogates: "\\ud800" escapes."""
    profile = json.loads((FIXTURES / "profiles" / "licenses.json").read_text())
    profile["person"]["name"] = "Jane \ud800 Doe"
    profile["credentials"][0]["name"] = "Licence \udc00 name"
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile))
    assert "\\ud800" in path.read_text()
    return path


@pytest.mark.parametrize("target", ["lerrs", "workday"])
def test_translate_a_profile_with_surrogate_escapes(profile_with_surrogates: Path, target: str) -> None:
    result = _cli("translate", "--to", target, str(profile_with_surrogates))
    assert result.returncode == 0, result.stderr.decode()
    assert "Licence \ufffd name" in result.stdout.decode("utf-8")


def test_translate_reads_surrogates_encoded_as_utf8_from_stdin(profile_with_surrogates: Path) -> None:
    """UTF-8 that encodes the surrogates themselves (CESU-8, as Java writes), on stdin."""
    profile = json.loads(profile_with_surrogates.read_text())
    raw = json.dumps(profile, ensure_ascii=False).encode("utf-8", "surrogatepass")
    result = _cli("translate", "--to", "jsonresume", "-", stdin=raw)
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout.decode("utf-8"))["basics"]["name"] == "Jane \ufffd Doe"


def test_translate_refuses_a_profile_that_is_not_utf8_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    path.write_bytes((FIXTURES / "profiles" / "licenses.json").read_bytes().replace(b'"', b'"\xff', 1))
    result = _cli("translate", "--to", "lerrs", str(path))
    assert result.returncode == 2
    assert len(result.stderr.decode().splitlines()) == 1


def test_badge_verify_reports_a_credential_with_surrogate_escapes(tmp_path: Path) -> None:
    """A signed credential: its proof is computed over the text, so the surrogate reached the
    signature check too, which crashed encoding the canonical document as UTF-8."""
    credential = json.loads((FIXTURES / "badges" / "ob3" / "credentials" / "eddsa-didkey.json").read_text())
    credential["name"] = "Badge \ud800 name"
    credential["issuer"]["name"] = "Issuer \udfff"
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(credential))
    result = _cli("badge", "verify", "--offline", "--at", "2026-06-01T00:00:00Z", str(path))
    assert result.returncode in (0, 1)
    report = json.loads(result.stdout.decode("utf-8"))
    assert report["credential"]["issuer"]["name"] == "Issuer \ufffd"
    assert next(check for check in report["checks"] if check["id"] == "proof")["outcome"] == "fail"
