"""`credbridge parse` over unreadable files: one clear line each on stderr, exit 1, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"


def test_parse_reports_each_unreadable_file_and_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(bytes(range(256)) * 16)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes((DOCS / "links_ligatures.pdf").read_bytes()[:5000])
    encrypted = DOCS / "encrypted.pdf"
    files = [encrypted, empty, garbage, truncated]
    result = subprocess.run(
        [str(Path(sys.executable).parent / "credbridge"), "parse", "--no-resolve", "--offline", *files],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[:3] == [
        f"credbridge: {encrypted}: encrypted PDF: a password is needed",
        f"credbridge: {empty}: the file is empty (0 bytes)",
        f"credbridge: {garbage}: is not a PDF, DOCX, HTML or text file",
    ]
    assert len(lines) == 4 and lines[3].startswith(f"credbridge: {truncated}: damaged or truncated PDF: ")


def test_parse_warns_about_scanned_pages_and_still_prints_profiles() -> None:
    files = [DOCS / "scanned.pdf", DOCS / "partly_scanned.pdf"]
    result = subprocess.run(
        [str(Path(sys.executable).parent / "credbridge"), "parse", "--no-resolve", "--offline", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr  # nothing could be read from scanned.pdf
    profiles = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["document"]["file"] for p in profiles] == [str(path) for path in files]
    assert profiles[0]["warnings"][0]["code"] == "pdf.no_text_layer"
    assert f"credbridge: {files[0]}: warning: the PDF has no text layer" in result.stderr
    assert f"credbridge: {files[1]}: warning: page(s) 2 have no text layer" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_partly_scanned_pdf_still_counts_as_read() -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "credbridge"),
            "parse",
            "--no-resolve",
            "--offline",
            DOCS / "partly_scanned.pdf",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "page(s) 2 have no text layer" in result.stderr
