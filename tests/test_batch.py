"""`credbridge batch` and `parse --workers` as a user runs them, on the shipped fixtures.

Every output format, input order with and without --unordered, a corrupt file recorded while the
batch goes on, stdin lists, and the promise that matters most: kill -9 in the middle, rerun, and
every file is in the output exactly once, with nothing that was reported done missing. No timing
is asserted here (bench/bench_batch.py measures).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from lxml import etree

from credbridge.batch import (
    FileResult,
    Job,
    Manifest,
    Task,
    iter_inputs,
    manifest_path,
    output_name,
    run_tasks,
)
from credbridge.pipeline import ParseOptions

ROOT = Path(__file__).resolve().parent.parent
RESUMES = ROOT / "fixtures" / "resumes"
DOCUMENTS = ROOT / "fixtures" / "documents"
CREDBRIDGE = Path(sys.executable).parent / "credbridge"
OFFLINE = ("--offline", "--no-resolve")


def run(*args: object, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CREDBRIDGE), *map(str, args)],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=180,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def entries(out: Path) -> list[dict]:
    lines = manifest_path(out).read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["credbridge_batch"] == 1
    return [json.loads(line) for line in lines[1:]]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten resumes of every format in a folder, plus a corrupt PDF and a file that is not a resume
    suffix (which a folder walk must leave alone)."""
    folder = tmp_path_factory.mktemp("inputs")
    names = [
        "alex-morgan-cloud.pdf",
        "aisha-bello-coding.docx",
        "hannah-kim-data.html",
        "julia-santos-pm.txt",
        "grace-okafor-hr.md",
        "chen-li-ml.pdf",
        "dana-whitfield-rn.docx",
        "rachel-adams-teacher.html",
        "luis-ortega-plumber.txt",
        "wei-zhang-devops.pdf",
    ]
    for name in names:
        shutil.copy(RESUMES / name, folder / name)
    sub = folder / "more"
    sub.mkdir()
    (sub / "corrupt.pdf").write_bytes((DOCUMENTS / "links_ligatures.pdf").read_bytes()[:5000])
    shutil.copy(RESUMES / "alex-morgan-cloud.expected.json", sub / "labels.json")
    return folder


def walk_order(folder: Path) -> list[str]:
    return list(iter_inputs([str(folder)]))


# --------------------------------------------------------------------------- inputs


def test_inputs_walk_folders_sorted_with_resume_suffixes_only(inputs: Path) -> None:
    paths = walk_order(inputs)
    assert paths == sorted(paths)  # each folder's entries by name, sub-folders in their place
    assert len(paths) == 11 and not any(p.endswith(".json") for p in paths)
    assert str(inputs / "more" / "corrupt.pdf") in paths


def test_inputs_globs_stdin_and_duplicates(inputs: Path) -> None:
    pdfs = list(iter_inputs([str(inputs / "**" / "*.pdf")]))
    # `**` matches the folder itself first, then each sub-folder in name order.
    assert pdfs == [*sorted(str(p) for p in inputs.glob("*.pdf")), str(inputs / "more" / "corrupt.pdf")]
    stdin = io.StringIO(f"{inputs / 'chen-li-ml.pdf'}\n\n{inputs / 'more'}\n")
    listed = list(iter_inputs([str(inputs / "chen-li-ml.pdf"), "-"], stdin))
    assert listed == [str(inputs / "chen-li-ml.pdf"), str(inputs / "more" / "corrupt.pdf")]
    warnings: list[str] = []
    assert list(iter_inputs([str(inputs / "*.rtf")], warn=warnings.append)) == []
    assert warnings == [f"{inputs / '*.rtf'}: matched no resume files"]
    # A file named outright is taken whatever its suffix: the format is read from the content.
    assert list(iter_inputs([str(inputs / "more" / "labels.json")])) == [str(inputs / "more" / "labels.json")]


# --------------------------------------------------------------------------- outputs


def test_jsonl_in_input_order_with_a_corrupt_file_recorded(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("batch", inputs, "--out", out, "--workers", 2, *OFFLINE)
    assert result.returncode == 1, result.stderr  # one file failed
    assert "Traceback" not in result.stderr
    corrupt = str(inputs / "more" / "corrupt.pdf")
    assert f"credbridge: {corrupt}: damaged or truncated PDF" in result.stderr
    assert "batch done: 11 files" in result.stderr and "1 failed" in result.stderr
    profiles = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = [p for p in walk_order(inputs) if p != corrupt]
    assert [p["document"]["file"] for p in profiles] == expected
    assert all(p["credentials"] for p in profiles[:1])
    recorded = entries(out)
    assert [e["path"] for e in recorded] == walk_order(inputs)
    bad = next(e for e in recorded if e["path"] == corrupt)
    assert bad["outcome"] == "error" and bad["error"].startswith(f"{corrupt}: damaged or truncated PDF")
    assert all(len(e["sha256"]) == 64 for e in recorded)
    assert sum(e.get("credentials", 0) for e in recorded) == sum(len(p["credentials"]) for p in profiles)

    # The same profiles as `parse` prints for each file.
    single = run("parse", expected[0], *OFFLINE)
    assert json.loads(single.stdout) == profiles[0]

    # A rerun finds everything done (the failure too) and writes nothing.
    again = run("batch", inputs, "--out", out, *OFFLINE)
    assert again.returncode == 0, again.stderr
    assert "0 files (11 skipped: done before)" in again.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(profiles)


def test_unordered_writes_the_same_records_in_finishing_order(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.ndjson"
    result = run("batch", inputs, "--out", out, "--workers", 2, "--unordered", *OFFLINE)
    assert result.returncode == 1, result.stderr
    files = [json.loads(line)["document"]["file"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(files) == sorted(p for p in walk_order(inputs) if not p.endswith("corrupt.pdf"))
    # The manifest follows the output's order, whatever it was.
    assert [e["path"] for e in entries(out) if e["outcome"] == "ok"] == files


def test_csv_from_a_stdin_list_has_one_header_and_file_and_candidate(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "creds.csv"
    listed = [
        inputs / "alex-morgan-cloud.pdf",
        inputs / "hannah-kim-data.html",
        inputs / "julia-santos-pm.txt",
    ]
    result = run("batch", "-", "--out", out, "-q", *OFFLINE, stdin="".join(f"{p}\n" for p in listed))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # --quiet
    text = out.read_text(encoding="utf-8")
    assert text.count("file,candidate,name,kind,issuer") == 1
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["file"] for row in rows} == {str(p) for p in listed}
    assert [row["file"] for row in rows] == sorted(
        (row["file"] for row in rows), key=lambda f: listed.index(Path(f))
    )
    alex = [row for row in rows if row["file"].endswith("alex-morgan-cloud.pdf")]
    assert alex and {row["candidate"] for row in alex} == {"Alex Morgan"}
    assert sum(e["credentials"] for e in entries(out)) == len(rows)


def test_parquet_parts_and_profiles(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    result = run("batch", inputs, "--out", out, "--part-files", 4, *OFFLINE)
    assert result.returncode == 1, result.stderr
    creds = pq.read_table(out / "credentials").to_pylist()
    profiles = pq.read_table(out / "profiles").to_pylist()
    recorded = entries(out)
    ok = [e for e in recorded if e["outcome"] == "ok"]
    assert sorted(p["file"] for p in profiles) == sorted(e["path"] for e in ok)
    assert len(creds) == sum(e["credentials"] for e in ok) > 0
    assert len(list((out / "credentials").glob("part-*.parquet"))) >= 3
    alex = next(p for p in profiles if p["file"].endswith("alex-morgan-cloud.pdf"))
    assert alex["candidate"] == "Alex Morgan" and alex["format"] == "pdf"
    assert json.loads(alex["profile"])["document"]["file"] == alex["file"]
    assert alex["sha256"] == next(e["sha256"] for e in ok if e["path"] == alex["file"])
    first = next(c for c in creds if c["file"] == alex["file"])
    assert first["position"] == 0 and first["name"] and first["verification_status"] == "unverified"

    # A part no complete manifest group names (a crash between writing it and recording it)
    # is deleted on the next run, and a torn last manifest line is dropped.
    stray = out / "credentials" / "part-00099.parquet"
    shutil.copy(next((out / "credentials").glob("part-*.parquet")), stray)
    with manifest_path(out).open("a", encoding="utf-8") as handle:
        handle.write('{"path": "torn')
    # A part deleted by hand: its resumes are parsed again rather than left out.
    (out / "profiles" / "part-00000.parquet").unlink()
    again = run("batch", inputs, "--out", out, *OFFLINE)
    assert again.returncode == 0, again.stderr
    assert "(7 skipped: done before)" in again.stderr  # 11 files, 4 in the deleted part
    assert not stray.exists() and not (out / "credentials" / "part-00000.parquet").exists()
    assert sorted(p["file"] for p in pq.read_table(out / "profiles").to_pylist()) == sorted(
        p["file"] for p in profiles
    )
    assert pq.read_table(out / "credentials").num_rows == len(creds)
    assert len(entries(out)) == len(recorded)


def test_folder_of_xml_records_one_well_formed_document_each(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "workday"
    result = run("batch", inputs / "alex-morgan-cloud.pdf", inputs / "chen-li-ml.pdf", "--out", out,
                 "--to", "workday", *OFFLINE)  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = sorted(out.iterdir())
    assert [p.name for p in written] == sorted(
        output_name(str(inputs / name), "xml") for name in ("alex-morgan-cloud.pdf", "chen-li-ml.pdf")
    )
    for path in written:
        root = etree.fromstring(path.read_bytes())
        assert etree.QName(root).localname == "workday"
    assert {e["output"] for e in entries(out)} == {p.name for p in written}


def test_usage_errors_exit_2_before_any_work(inputs: Path, tmp_path: Path) -> None:
    xml_lines = run("batch", inputs, "--out", tmp_path / "x.jsonl", "--to", "workday", *OFFLINE)
    assert xml_lines.returncode == 2 and "use --out DIR" in xml_lines.stderr
    existing = tmp_path / "old.jsonl"
    existing.write_text('{"kept": true}\n', encoding="utf-8")
    refused = run("batch", inputs, "--out", existing, *OFFLINE)
    assert refused.returncode == 2 and "--overwrite" in refused.stderr
    assert existing.read_text(encoding="utf-8") == '{"kept": true}\n'
    unknown = run("batch", inputs, "--out", tmp_path / "x.xlsx", *OFFLINE)
    assert unknown.returncode == 2 and "--format" in unknown.stderr


# --------------------------------------------------------------------------- crash and rerun


def test_written_but_unreported_output_is_cut_back_on_rerun(inputs: Path, tmp_path: Path) -> None:
    """The window between writing a record and recording it: the rerun truncates and redoes it."""
    out = tmp_path / "out.jsonl"
    files = [inputs / "alex-morgan-cloud.pdf", inputs / "julia-santos-pm.txt"]
    assert run("batch", *files, "--out", out, "--workers", 1, "-q", *OFFLINE).returncode == 0
    first = out.read_text(encoding="utf-8").splitlines()
    # Forget the second file in the manifest, leave its record (and half another) in the output.
    manifest = Manifest(manifest_path(out), {})
    lines = manifest.path.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.path.write_text("".join(lines[:-1]), encoding="utf-8")
    with out.open("a", encoding="utf-8") as handle:
        handle.write('{"half a rec')
    assert run("batch", *files, "--out", out, "--workers", 1, "-q", *OFFLINE).returncode == 0
    assert out.read_text(encoding="utf-8").splitlines() == first
    assert [e["path"] for e in entries(out)] == [str(p) for p in files]


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_kill_9_mid_run_then_rerun_loses_nothing_and_repeats_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    pdfs = sorted(RESUMES.glob("*.pdf")) + sorted((ROOT / "fixtures" / "resumes-dev2").glob("*.pdf"))
    for pdf in pdfs[:20]:
        shutil.copy(pdf, folder / pdf.name)
    out = tmp_path / "out.jsonl"
    # pdfplumber on one worker: slow enough that the kill lands mid-run, without any test hook.
    command = [str(CREDBRIDGE), "batch", str(folder), "--out", str(out), "--workers", "1",
               "--pdf-engine", "pdfplumber", *OFFLINE]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = manifest_path(out)
    reported: list[dict] = []
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if manifest.exists():
                lines = manifest.read_text(encoding="utf-8").splitlines()[1:]
                if len(lines) >= 2:
                    reported = [json.loads(line) for line in lines]
                    break
            time.sleep(0.02)
        workers = children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
    # Its pool workers notice and exit: no orphan left waiting for work.
    assert workers
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = [pid for pid in workers if alive(pid)]
    for pid in orphans:
        os.kill(pid, signal.SIGKILL)
    assert not orphans
    assert 2 <= len(reported) < 20
    done_before = {e["path"]: e["sha256"] for e in entries(out)}
    assert len(done_before) < 20

    again = run("batch", folder, "--out", out, "--workers", 2, *OFFLINE)
    assert again.returncode == 0, again.stderr
    assert f"({len(done_before)} skipped: done before)" in again.stderr
    files = [json.loads(line)["document"]["file"] for line in out.read_text(encoding="utf-8").splitlines()]
    every = sorted(str(p) for p in folder.iterdir())
    assert sorted(files) == every  # each file exactly once
    assert set(done_before) <= set(files)
    recorded = entries(out)
    assert sorted(e["path"] for e in recorded) == every
    assert all(done_before[e["path"]] == e["sha256"] for e in recorded if e["path"] in done_before)


def die_on_boom(task: Task) -> FileResult:
    """Stands in for the parse in the workers: a file named "boom" kills its worker outright, as
    a crash in a PDF library or the OOM killer would."""
    if task.path == "boom":
        os._exit(1)
    return FileResult(task.index, task.path)


def test_a_file_that_kills_its_worker_is_recorded_and_the_others_go_on() -> None:
    paths = ["a", "b", "boom", "c", "d", "e"]
    tasks = (Task(i, path) for i, path in enumerate(paths))
    results = list(run_tasks(tasks, Job(options=ParseOptions()), workers=2, work=die_on_boom))
    assert [r.path for r in results] == paths
    assert [r.ok for r in results] == [True, True, False, True, True, True]
    assert (
        results[2].error == "boom: the worker parsing this file died (a crash in a reader, or out of "
        "memory); the file was skipped"
    )


# --------------------------------------------------------------------------- parse


def test_parse_workers_keeps_the_json_lines_contract(inputs: Path) -> None:
    files = [*sorted(inputs.glob("*.pdf")), inputs / "more" / "corrupt.pdf", *sorted(inputs.glob("*.docx"))]
    one = run("parse", *files, *OFFLINE)
    two = run("parse", *files, "--workers", 2, *OFFLINE)
    assert one.returncode == two.returncode == 1
    assert two.stdout == one.stdout and two.stderr == one.stderr
    assert [json.loads(line)["document"]["file"] for line in two.stdout.splitlines()] == [
        str(f) for f in files if f.name != "corrupt.pdf"
    ]


def test_parse_several_files_to_csv_and_xml(inputs: Path) -> None:
    files = [inputs / "alex-morgan-cloud.pdf", inputs / "hannah-kim-data.html"]
    table = run("parse", *files, "--to", "csv", *OFFLINE)
    assert table.returncode == 0, table.stderr
    assert table.stdout.count("file,candidate,name,") == 1
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert {row["file"] for row in rows} == {str(f) for f in files}

    xml = run("parse", *files, "--to", "workday", *OFFLINE)
    assert xml.returncode == 0, xml.stderr
    root = etree.fromstring(xml.stdout.encode())
    records = root.findall("{urn:credbridge:records}record")
    assert [r.get("file") for r in records] == [str(f) for f in files]
    assert all(etree.QName(r[0]).localname == "workday" for r in records)
    # One file keeps printing the adapter's own document, as before.
    alone = run("parse", files[0], "--to", "workday", *OFFLINE)
    assert etree.QName(etree.fromstring(alone.stdout.encode())).localname == "workday"
