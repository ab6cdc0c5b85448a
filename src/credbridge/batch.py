"""`credbridge batch`: many resumes through a process pool into one output, resumable after a crash.

Why it is built this way (docs/batch.md has the user's view):

- **Streams, never lists.** Inputs are expanded lazily (directories walked one sorted listing at
  a time, globs matched component by component), at most `window` files are in flight or
  waiting to be written, and every result is written and dropped as soon as its turn comes. So
  memory depends on the window, not on how many resumes there are.
- **A process pool**, because parsing holds the GIL; each worker imports the pipeline and loads
  the taxonomy index once (its initializer), and serialises its own result (JSON text, CSV
  rows, Arrow rows), so the parent only writes bytes.
- **The manifest is the commit log.** Beside the output, PATH.manifest.jsonl gets one line per
  input (path, sha256, outcome) only after that input's output is written and fsync'ed; the
  lines of a commit go out in one write() and are fsync'ed too. On a rerun the output is first
  cut back to what the manifest vouches for (a JSON Lines or CSV file is truncated to the last
  recorded offset, Parquet parts no complete manifest group names are deleted), then inputs
  whose path and hash are recorded as done are skipped. Hence: nothing reported done is lost,
  and nothing is written twice, whenever the process dies.
- **A crash in a reader is one file's error.** A worker that dies (segfault, out of memory)
  breaks the pool: the pool is replaced and the files that were in flight are retried one at a
  time, so the one that kills a worker again is recorded as failed and the rest go on.

`parse` uses the same pool (`run_tasks`, `Job`) for `--workers`, so both commands parse and
serialise a file with the same code.
"""

from __future__ import annotations

import contextlib
import csv
import fnmatch
import hashlib
import io
import json
import multiprocessing
import os
import re
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from credbridge.errors import CredbridgeError, InputError
from credbridge.pipeline import ParseOptions
from credbridge.processes import die_with_parent

# --------------------------------------------------------------------------- inputs

SUPPORTED_SUFFIXES = frozenset(
    {".pdf", ".docx", ".html", ".htm", ".xhtml", ".txt", ".text", ".md", ".markdown"}
)
"""What a directory walk or a glob picks up. A file named on the command line (or on stdin) is
parsed whatever its name, since the format is detected from the content."""

_MAGIC = re.compile(r"[*?[]")


def iter_inputs(specs: Iterable[str], stdin: IO[str] | None = None, warn: Any = None) -> Iterator[str]:
    """Every input file, lazily and in a stable order, each once.

    A spec is a file, a directory (walked recursively, sorted, supported suffixes only, hidden
    entries skipped), a glob (`**` allowed; sorted; matched directories are walked too) or `-`
    (one path per line on stdin, read as the batch goes). A name that does not exist is passed
    on as it is, so that the batch records it as failed rather than silently dropping it.
    """
    seen: set[bytes] = set()

    def once(path: str) -> Iterator[str]:
        key = hashlib.blake2b(os.fsencode(path), digest_size=16).digest()
        if key not in seen:
            seen.add(key)
            yield path

    for spec in specs:
        if spec == "-":
            if stdin is None:
                continue
            for line in stdin:
                name = line.rstrip("\r\n")
                if name.strip():
                    for path in _expand(Path(name), explicit=True):
                        yield from once(path)
            continue
        if _MAGIC.search(spec) and not os.path.lexists(spec):
            matched = False
            for hit in _glob(spec):
                for path in _expand(hit, explicit=False):
                    matched = True
                    yield from once(path)
            if not matched and warn is not None:
                warn(f"{spec}: matched no resume files")
            continue
        for path in _expand(Path(spec), explicit=True):
            yield from once(path)


def _expand(path: Path, *, explicit: bool) -> Iterator[str]:
    if path.is_dir():
        yield from _walk(path)
    elif explicit or path.suffix.lower() in SUPPORTED_SUFFIXES:
        yield str(path)


def _walk(directory: Path) -> Iterator[str]:
    """A sorted recursive walk holding one directory listing at a time."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(directory, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            yield from _walk(path)
        elif Path(entry.name).suffix.lower() in SUPPORTED_SUFFIXES:
            yield str(path)


def _glob(pattern: str) -> Iterator[Path]:
    """glob.iglob in sorted order without listing more than one directory at a time."""
    parts = Path(pattern).parts
    first = next((i for i, part in enumerate(parts) if _MAGIC.search(part)), len(parts))
    base = Path(*parts[:first]) if first else Path(".")
    yield from _match(base, parts[first:])


def _match(base: Path, parts: tuple[str, ...]) -> Iterator[Path]:
    if not parts:
        yield base
        return
    head, rest = parts[0], parts[1:]
    if head == "**":
        yield from _match(base, rest)
        for name in _listdir(base):
            if not name.startswith(".") and (base / name).is_dir():
                yield from _match(base / name, parts)
        return
    if not _MAGIC.search(head):
        if os.path.lexists(base / head):
            yield from _match(base / head, rest)
        return
    for name in _listdir(base):
        if name.startswith(".") and not head.startswith("."):
            continue
        if fnmatch.fnmatchcase(name, head) and (not rest or (base / name).is_dir()):
            yield from _match(base / name, rest)


def _listdir(directory: Path) -> list[str]:
    try:
        return sorted(os.listdir(directory))
    except OSError:
        return []


# --------------------------------------------------------------------------- the work of one file

Shape = Literal["profile", "record", "csv", "parquet", "file"]
"""What a worker makes of a profile: profile JSON, a target's record (JSON text, or XML/other
text as it is), CSV rows with file and candidate columns, Arrow rows, or a file's name and text."""


@dataclass(frozen=True)
class Job:
    """Everything a worker needs besides the path; pickled once per worker, not per file."""

    options: ParseOptions
    shape: Shape = "profile"
    target: str | None = None
    indent: int | None = None


@dataclass(frozen=True)
class Task:
    index: int
    path: str
    known_sha256: str | None = None
    """The hash the manifest records as done for this path: `run_tasks` skips the file if equal,
    without starting a worker."""


@dataclass
class FileResult:
    """One input's outcome, small and picklable: the payload is already serialised."""

    index: int
    path: str
    sha256: str | None = None
    ok: bool = True
    skipped: bool = False
    error: str | None = None
    code: str | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)
    nothing_read: bool = False
    credentials: int = 0
    payload: Any = None


_JOB: Job | None = None


def _init_worker(job: Job, warm: bool = True) -> None:
    """Pool initializer: Ctrl-C is the parent's to handle; pay imports and index loads once.

    A failed warm-up is not fatal (an exception here would break the whole pool): the files
    themselves will then report what is wrong.
    """
    global _JOB
    _JOB = job
    if warm:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        die_with_parent(os.getppid())
        with contextlib.suppress(Exception):
            from credbridge.api.workers import warm_up

            warm_up()
            if job.target:
                from credbridge.targets import get

                get(job.target)


def _sha256(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def process(task: Task) -> FileResult:
    """Parse one file and serialise it for the job's output; never raises for a bad file."""
    from credbridge.documents import NOTHING_READ
    from credbridge.pipeline import parse_file

    job = _JOB
    if job is None:  # pragma: no cover - a pool always has an initializer
        raise RuntimeError("batch worker used before _init_worker")
    path = task.path
    result = FileResult(index=task.index, path=path, sha256=_sha256(path))
    try:
        profile = parse_file(Path(path), job.options)
        result.warnings = [(w.code, w.message) for w in profile.warnings]
        result.nothing_read = any(w.code in NOTHING_READ for w in profile.warnings)
        result.credentials = len(profile.credentials)
        result.payload = _payload(profile, job, path)
    except CredbridgeError as exc:
        # Reader errors already name the file ("cv.pdf: encrypted PDF: ..."): no second prefix.
        named = exc.message.startswith(f"{path}: ")
        result.ok, result.code = False, exc.code
        result.error = exc.message if named else f"{path}: {exc.message}"
    except OSError as exc:
        result.ok, result.code = False, "input.unreadable"
        result.error = f"{path}: cannot read: {exc.strerror or exc}"
    except Exception as exc:  # a bug on one file must not lose the others in a batch
        result.ok, result.code = False, "internal"
        result.error = f"{path}: internal error ({type(exc).__name__}: {exc}); please report it"
    if not result.ok:
        result.payload = None
    return result


def _mend(text: str) -> str:
    from credbridge.documents.repair import mend_surrogates

    return mend_surrogates(text)


def _json_text(data: object, indent: int | None) -> str:
    return _mend(json.dumps(data, indent=indent, ensure_ascii=False))


def is_json_media(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def is_xml_media(media_type: str) -> bool:
    return media_type in ("application/xml", "text/xml") or media_type.endswith("+xml")


def _payload(profile: Any, job: Job, path: str) -> Any:
    if job.shape == "profile":
        return _json_text(profile.model_dump(mode="json", exclude_none=True), job.indent)
    if job.shape == "parquet":
        return parquet_rows(profile, path, None)
    if job.shape == "csv":
        return csv_rows(profile, path)
    translation = _translate(profile, job.target) if job.target else None
    if job.shape == "record":
        assert translation is not None
        record = translation.record
        return _mend(record) if isinstance(record, str) else _json_text(record, job.indent)
    # "file": one document per resume, named after the input
    if translation is None:
        text, suffix = _json_text(profile.model_dump(mode="json", exclude_none=True), 2), "json"
    else:
        record, media = translation.record, translation.media_type
        text = _mend(record) if isinstance(record, str) else _json_text(record, 2)
        suffix = (
            "xml"
            if is_xml_media(media)
            else "csv"
            if media == "text/csv"
            else ("json" if is_json_media(media) or not isinstance(record, str) else "txt")
        )
    return output_name(path, suffix), text if text.endswith("\n") else text + "\n"


def _translate(profile: Any, target: str) -> Any:
    from credbridge.targets import get

    return get(target).translate(profile)


def output_name(path: str, suffix: str) -> str:
    """`cv.3f2a9c1e.xml`: the input's stem plus a hash of its path, so that two cv.pdf from two
    folders never overwrite each other and a rerun rewrites the same file."""
    stem = re.sub(r"[^\w.-]+", "_", Path(path).stem)[:80] or "resume"
    tag = hashlib.blake2b(os.fsencode(path), digest_size=4).hexdigest()
    return f"{stem}.{tag}.{suffix}"


# --------------------------------------------------------------------------- CSV and Parquet rows

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: str) -> str:
    """The CSV adapter's defence against spreadsheet formulas, for the two columns added here."""
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_header() -> str:
    from credbridge_adapters.csv.translate import COLUMNS

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(("file", "candidate", *COLUMNS))
    return out.getvalue()


def csv_rows(profile: Any, path: str) -> str:
    """The csv target's rows (same columns, same escaping) with `file` and `candidate` first."""
    text = _translate(profile, "csv").record
    rows = list(csv.reader(io.StringIO(text)))[1:]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    prefix = [_safe_cell(path), _safe_cell(profile.person.name or "")]
    for row in rows:
        writer.writerow([*prefix, *row])
    return _mend(out.getvalue())


def parquet_schemas() -> tuple[Any, Any]:
    """(credentials, profiles) Arrow schemas; docs/batch.md documents every column."""
    import pyarrow as pa

    text, i32, strings = pa.string(), pa.int32(), pa.list_(pa.string())
    credentials = pa.schema(
        [
            ("file", text),
            ("sha256", text),
            ("candidate", text),
            ("position", i32),
            ("kind", text),
            ("name", text),
            ("issuer", text),
            ("issuer_url", text),
            ("issued", text),
            ("expires", text),
            ("no_expiry", pa.bool_()),
            ("credential_id", text),
            ("url", text),
            ("platform", text),
            ("verification_status", text),
            ("verification_format", text),
            ("verification_method", text),
            ("skills", strings),
            ("catalogue_id", text),
            ("discrepancies", i32),
            ("source_page", i32),
            ("source_line", i32),
            ("source_text", text),
        ]
    )
    profiles = pa.schema(
        [
            ("file", text),
            ("sha256", text),
            ("candidate", text),
            ("emails", strings),
            ("phones", strings),
            ("location", text),
            ("format", text),
            ("engine", text),
            ("pages", i32),
            ("credentials", i32),
            ("skills", strings),
            ("warnings", strings),
            ("profile", text),
        ]
    )
    return credentials, profiles


def parquet_rows(profile: Any, path: str, sha256: str | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One profile row and one row per credential (the sha256 is filled in by the parent)."""
    candidate = profile.person.name
    creds = []
    for i, cred in enumerate(profile.credentials):
        creds.append(
            {
                "file": path,
                "sha256": sha256,
                "candidate": candidate,
                "position": i,
                "kind": cred.kind.value,
                "name": _mend(cred.name),
                "issuer": cred.issuer.name,
                "issuer_url": cred.issuer.url,
                "issued": cred.issued,
                "expires": cred.expires,
                "no_expiry": cred.no_expiry,
                "credential_id": cred.credential_id,
                "url": cred.url,
                "platform": cred.platform,
                "verification_status": cred.verification.status.value,
                "verification_format": cred.verification.format,
                "verification_method": cred.verification.method,
                "skills": list(cred.skills),
                "catalogue_id": cred.catalogue.id if cred.catalogue else None,
                "discrepancies": len(cred.discrepancies),
                "source_page": cred.source.page,
                "source_line": cred.source.line,
                "source_text": cred.source.text,
            }
        )
    row = {
        "file": path,
        "sha256": sha256,
        "candidate": candidate,
        "emails": list(profile.person.emails),
        "phones": list(profile.person.phones),
        "location": profile.person.location,
        "format": profile.document.format,
        "engine": profile.document.engine,
        "pages": profile.document.pages,
        "credentials": len(profile.credentials),
        "skills": [skill.name for skill in profile.skills],
        "warnings": [w.code for w in profile.warnings],
        "profile": _json_text(profile.model_dump(mode="json", exclude_none=True), None),
    }
    # Arrow refuses lone surrogates: every string goes through the same mending as JSON output.
    for record in (row, *creds):
        for key, value in record.items():
            if isinstance(value, str):
                record[key] = _mend(value)
            elif isinstance(value, list):
                record[key] = [_mend(v) for v in value]
    return row, creds


# --------------------------------------------------------------------------- the pool


def default_workers() -> int:
    """One worker per core this process may run on (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


WORKER_DIED = (
    "the worker parsing this file died (a crash in a reader, or out of memory); the file was skipped"
)


class _Pool:
    """A spawn-context ProcessPoolExecutor that can be replaced when a worker dies.

    Spawned, not forked: the parent may run threads (rich's refresh thread), and fork with
    threads can deadlock a child.
    """

    def __init__(self, workers: int, job: Job, work: Callable[[Task], FileResult] = process) -> None:
        self.workers, self.job, self.work = workers, job, work
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.job,),
        )

    def submit(self, task: Task) -> Future[FileResult]:
        return self.executor.submit(self.work, task)

    def restart(self) -> None:
        old, self.executor = self.executor, self._new()
        old.shutdown(wait=False, cancel_futures=True)

    def close(self, *, cancel: bool = False) -> None:
        self.executor.shutdown(wait=True, cancel_futures=cancel)


def run_tasks(
    tasks: Iterable[Task],
    job: Job,
    *,
    workers: int,
    ordered: bool = True,
    window: int | None = None,
    work: Callable[[Task], FileResult] = process,
) -> Iterator[FileResult]:
    """Results of `tasks`, in input order (or as they finish when not `ordered`).

    `workers=0` runs in this process (what `parse` does for one worker: no start-up cost); any
    other number runs a process pool of that size. At most `window` tasks are in flight or
    finished and waiting for their turn, which is what bounds memory in ordered mode when one
    slow file holds up the ones after it. `work` is `process` except in tests (a picklable,
    importable function: it runs in the workers).
    """
    if workers <= 0:
        _init_worker(job, warm=False)
        for task in tasks:
            yield work(task)
        return
    window = window or max(8, workers * 8)
    pool: _Pool | None = None  # started on the first file to parse: a rerun with all done needs none
    inflight: dict[Future[FileResult], Task] = {}
    waiting: dict[int, FileResult] = {}
    turn: deque[int] = deque()
    pending = iter(tasks)
    exhausted = False
    interrupted = False
    try:
        while not exhausted or inflight or waiting:
            ready: list[FileResult] = []
            while not exhausted and len(inflight) + len(waiting) + len(ready) < window:
                queued = next(pending, None)
                if queued is None:
                    exhausted = True
                    break
                task = queued
                if ordered:
                    turn.append(task.index)
                if task.known_sha256 is not None and _sha256(task.path) == task.known_sha256:
                    ready.append(FileResult(task.index, task.path, task.known_sha256, skipped=True))
                    continue
                if pool is None:
                    pool = _Pool(workers, job, work)
                inflight[pool.submit(task)] = task
            if inflight and not ready:
                finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
                lost: list[Task] = []
                for future in finished:
                    task = inflight.pop(future)
                    try:
                        ready.append(future.result())
                    except BrokenProcessPool:
                        lost.append(task)
                    except Exception as exc:  # e.g. a result that cannot be pickled
                        message = f"{task.path}: internal error ({type(exc).__name__}: {exc})"
                        ready.append(_failed(task, message))
                if lost and pool is not None:
                    # Every task in flight dies with the pool: retry them one at a time on a fresh
                    # pool, so that only a file that kills a worker again is recorded as failed.
                    lost.extend(inflight.values())
                    inflight.clear()
                    pool.restart()
                    for task in sorted(lost, key=lambda t: t.index):
                        ready.append(_alone(pool, task))
            for result in sorted(ready, key=lambda r: r.index):
                if ordered:
                    waiting[result.index] = result
                else:
                    yield result
            while turn and turn[0] in waiting:
                yield waiting.pop(turn.popleft())
    except (KeyboardInterrupt, GeneratorExit):
        interrupted = True
        raise
    finally:
        if pool is not None:
            pool.close(cancel=interrupted or bool(inflight))


def _alone(pool: _Pool, task: Task) -> FileResult:
    try:
        return pool.submit(task).result()
    except BrokenProcessPool:
        pool.restart()
        return _failed(task, f"{task.path}: {WORKER_DIED}")


def _failed(task: Task, message: str) -> FileResult:
    return FileResult(index=task.index, path=task.path, ok=False, error=message, code="worker.died")


# --------------------------------------------------------------------------- outputs

Format = Literal["jsonl", "parquet", "csv", "dir"]
FORMATS: tuple[Format, ...] = ("jsonl", "parquet", "csv", "dir")


class BatchError(InputError):
    """A batch that cannot start: bad --out, format and target that do not go together, a
    manifest that belongs to another output."""

    code = "batch.usage"


def output_format(out: Path, requested: str | None) -> Format:
    """--format if given, else from --out: .jsonl/.ndjson, .parquet, .csv, or a directory."""
    if requested:
        if requested not in FORMATS:
            raise BatchError(f"--format: choose one of {', '.join(FORMATS)}")
        return requested
    suffix = out.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".parquet":
        return "parquet"
    if suffix == ".csv":
        return "csv"
    if out.is_dir() or not suffix or str(out).endswith(os.sep):
        return "dir"
    raise BatchError(
        f"{out}: cannot tell the output format from {suffix!r}; use --format ({', '.join(FORMATS)})"
    )


def manifest_path(out: Path) -> Path:
    """Beside the output, never inside it (a directory output holds only the records)."""
    return Path(str(out).rstrip(os.sep) + ".manifest.jsonl")


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Sink(Protocol):
    """An output that can say, after `commit()`, that everything added is on disk."""

    def recover(self, state: ManifestState) -> set[str]:
        """Cut the output back to what the manifest vouches for; return parts to forget."""
        ...

    def add(self, result: FileResult) -> dict[str, Any]:
        """Write (or buffer) one result; returns fields for its manifest line."""
        ...

    def due(self, pending: int, age: float) -> bool: ...

    def commit(self) -> dict[str, Any]:
        """Make everything added durable; returns fields for every manifest line of this commit."""
        ...

    def reset(self) -> None:
        """--overwrite: remove what earlier runs wrote (only files this sink writes)."""
        ...

    def exists(self) -> bool: ...

    def close(self) -> None: ...


class _AppendSink:
    """JSON Lines or CSV: one file, appended; the manifest records each input's end offset."""

    def __init__(self, out: Path, header: str = "") -> None:
        self.out, self.header = out, header.encode()
        self.handle: IO[bytes] | None = None
        self.position = 0

    def exists(self) -> bool:
        return self.out.exists() and self.out.stat().st_size > 0

    def reset(self) -> None:
        if self.out.exists():
            self.out.unlink()

    def recover(self, state: ManifestState) -> set[str]:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        size = self.out.stat().st_size if self.out.exists() else 0
        if size < state.end:
            raise BatchError(
                f"{self.out} is shorter ({size} bytes) than its manifest records ({state.end}): it was "
                "changed outside credbridge; use --overwrite to start again, or another --out"
            )
        self.handle = open(self.out, "r+b" if self.out.exists() else "w+b")  # noqa: SIM115 - kept open
        if size > state.end:  # written but never reported done: it will be parsed again
            self.handle.truncate(state.end)
        self.handle.seek(state.end)
        self.position = state.end
        if self.position == 0 and self.header:
            self.handle.write(self.header)
            self.position += len(self.header)
        return set()

    def add(self, result: FileResult) -> dict[str, Any]:
        assert self.handle is not None
        if result.ok and result.payload:
            data = (result.payload if result.payload.endswith("\n") else result.payload + "\n").encode()
            self.handle.write(data)
            self.position += len(data)
        return {"end": self.position}

    def due(self, pending: int, age: float) -> bool:
        return pending >= 32 or age >= 0.5

    def commit(self) -> dict[str, Any]:
        assert self.handle is not None
        self.handle.flush()
        os.fsync(self.handle.fileno())
        return {}

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


class _DirSink:
    """One file per resume, each written to a temporary name, fsync'ed and renamed into place."""

    def __init__(self, out: Path) -> None:
        self.out = out

    def exists(self) -> bool:
        return False  # writing into an existing folder is the point of a folder output

    def reset(self) -> None:
        return None  # files are replaced one by one; nothing else in the folder is ours to delete

    def recover(self, state: ManifestState) -> set[str]:
        self.out.mkdir(parents=True, exist_ok=True)
        for leftover in self.out.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)
        return set()

    def add(self, result: FileResult) -> dict[str, Any]:
        if not (result.ok and result.payload):
            return {}
        name, text = result.payload
        tmp = self.out / f".{name}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(text.encode())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.out / name)
        return {"output": name}

    def due(self, pending: int, age: float) -> bool:
        return pending >= 32 or age >= 0.5

    def commit(self) -> dict[str, Any]:
        _fsync_dir(self.out)  # the renames themselves
        return {}

    def close(self) -> None:
        return None


class _ParquetSink:
    """A Parquet dataset folder: credentials/part-NNNNN.parquet and profiles/part-NNNNN.parquet.

    Parquet cannot be appended to, so each commit writes one new part pair (temporary names,
    fsync, rename) and the manifest lines of that commit name the part and how many lines the
    commit has. On recovery a part whose lines are not all in the manifest, or that no line
    names, is deleted and its files are parsed again.
    """

    def __init__(self, out: Path, part_files: int) -> None:
        self.out, self.part_files = out, part_files
        self.profiles: list[dict[str, Any]] = []
        self.credentials: list[dict[str, Any]] = []
        self.pending = 0
        self.next_part = 0

    def _dirs(self) -> tuple[Path, Path]:
        return self.out / "credentials", self.out / "profiles"

    def exists(self) -> bool:
        return any(self.out.glob("*/part-*.parquet"))

    def reset(self) -> None:
        for part in self.out.glob("*/part-*.parquet"):
            part.unlink()

    def recover(self, state: ManifestState) -> set[str]:
        # A part is kept when every line of its commit is in the manifest and both its files
        # are there (one deleted by hand makes its resumes parsed again, not silently missing).
        complete = {
            part
            for part, (count, size) in state.parts.items()
            if count >= size and all((d / f"{part}.parquet").is_file() for d in self._dirs())
        }
        for directory in self._dirs():
            directory.mkdir(parents=True, exist_ok=True)
            for leftover in directory.glob(".*.tmp"):
                leftover.unlink(missing_ok=True)
            for part in directory.glob("part-*.parquet"):
                if part.stem not in complete:
                    part.unlink()
        numbers = [int(name.removeprefix("part-")) for name in state.parts if name.startswith("part-")]
        self.next_part = max(numbers, default=-1) + 1
        return set(state.parts) - complete

    def add(self, result: FileResult) -> dict[str, Any]:
        self.pending += 1
        if result.ok and result.payload:
            row, creds = result.payload
            row["sha256"] = result.sha256
            for cred in creds:
                cred["sha256"] = result.sha256
            self.profiles.append(row)
            self.credentials.extend(creds)
        return {}

    def due(self, pending: int, age: float) -> bool:
        return pending >= self.part_files or age >= 30

    def commit(self) -> dict[str, Any]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.profiles:  # only failures: nothing to write, the manifest says it all
            self.pending = 0
            return {}
        name = f"part-{self.next_part:05d}"
        self.next_part += 1
        cred_schema, profile_schema = parquet_schemas()
        tables = (
            pa.Table.from_pylist(self.credentials, schema=cred_schema),
            pa.Table.from_pylist(self.profiles, schema=profile_schema),
        )
        for directory, table in zip(self._dirs(), tables, strict=True):
            tmp = directory / f".{name}.parquet.tmp"
            with open(tmp, "wb") as handle:
                pq.write_table(table, handle, compression="zstd")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, directory / f"{name}.parquet")
            _fsync_dir(directory)
        fields = {"part": name, "part_size": self.pending}
        self.profiles, self.credentials, self.pending = [], [], 0
        return fields

    def close(self) -> None:
        return None


# --------------------------------------------------------------------------- the manifest


@dataclass
class ManifestState:
    """What a manifest says, folded as it is read (never held line by line)."""

    done: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    """path -> (sha256, outcome) of the last line for that path."""
    end: int = 0
    """JSON Lines / CSV: the output offset the manifest vouches for."""
    parts: dict[str, list[int]] = field(default_factory=dict)
    """Parquet: part -> [lines seen, lines the commit had]."""
    torn: bool = False
    """A last line cut short by a crash, to be dropped."""


class Manifest:
    """PATH.manifest.jsonl: a header line, then one line per finished input, fsync'ed."""

    VERSION = 1

    def __init__(self, path: Path, header: dict[str, Any]) -> None:
        self.path = path
        self.header = {"credbridge_batch": self.VERSION, **header}
        self.fd: int | None = None

    def read(self) -> ManifestState:
        state = ManifestState()
        with open(self.path, "rb") as handle:
            first = handle.readline()
            try:
                header = json.loads(first)
            except ValueError:
                header = None
            if not isinstance(header, dict) or "credbridge_batch" not in header:
                raise BatchError(f"{self.path}: not a credbridge batch manifest")
            for key in ("format", "target"):
                if header.get(key) != self.header.get(key):
                    raise BatchError(
                        f"{self.path} belongs to a batch with {key} {header.get(key)!r}, not "
                        f"{self.header.get(key)!r}: use another --out, or --overwrite"
                    )
            for raw in handle:
                try:
                    entry = json.loads(raw) if raw.endswith(b"\n") else None
                except ValueError:
                    entry = None
                if not isinstance(entry, dict) or "path" not in entry:
                    state.torn = True
                    continue
                state.done[entry["path"]] = (entry.get("sha256"), entry.get("outcome", "error"))
                state.end = max(state.end, int(entry.get("end", 0)))
                if entry.get("part"):
                    seen = state.parts.setdefault(entry["part"], [0, int(entry.get("part_size", 1))])
                    seen[0] += 1
        return state

    def rewrite(self, forget: set[str]) -> ManifestState:
        """Drop torn lines and the lines of forgotten parts, atomically; then read it again."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(self.path, "rb") as src, open(tmp, "wb") as dst:
            dst.write(src.readline())
            for raw in src:
                try:
                    entry = json.loads(raw) if raw.endswith(b"\n") else None
                except ValueError:
                    continue
                if isinstance(entry, dict) and "path" in entry and entry.get("part") not in forget:
                    dst.write(raw)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)
        return self.read()

    def create(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "wb") as handle:
            handle.write((json.dumps(self.header) + "\n").encode())
            handle.flush()
            os.fsync(handle.fileno())
        _fsync_dir(self.path.parent)

    def open(self) -> None:
        self.fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)

    def append(self, entries: list[dict[str, Any]]) -> None:
        """One write() for the whole commit, then fsync: a kill cannot leave half a line in the
        middle, and a torn last line (power loss) is dropped on the next run."""
        assert self.fd is not None
        data = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries)
        os.write(self.fd, _mend(data).encode())
        os.fsync(self.fd)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


# --------------------------------------------------------------------------- progress


class Progress:
    """A rich progress bar on a terminal; otherwise a plain line every `every` seconds (stderr)."""

    def __init__(self, *, quiet: bool, every: float = 5.0, total_of: Iterable[str] | None = None) -> None:
        self.quiet, self.every = quiet, every
        self.started = time.monotonic()
        self.last = self.started
        self.files = self.failed = self.credentials = self.skipped = 0
        self.bar: Any = None
        self.console: Any = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self.console = Console(stderr=True)
            self.bar = RichProgress(
                TextColumn("[bold]batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[rate]:.1f} files/s, {task.fields[failed]} failed"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=self.console,
                transient=False,
            )
            self.bar.start()
            self.task = self.bar.add_task("batch", total=None, rate=0.0, failed=0)
            if total_of is not None:
                self._count_in_background(total_of)

    def _count_in_background(self, paths: Iterable[str]) -> None:
        """The bar's total, counted by a second walk of the inputs while the batch runs."""
        import threading

        def count() -> None:
            total = sum(1 for _ in paths)
            if self.bar is not None:
                self.bar.update(self.task, total=total)

        threading.Thread(target=count, daemon=True, name="credbridge-count").start()

    def message(self, text: str) -> None:
        if self.console is not None:
            self.console.print(f"credbridge: {text}", markup=False, highlight=False)
        else:
            print(f"credbridge: {text}", file=sys.stderr, flush=True)

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.files / elapsed if elapsed > 0 else 0.0

    def update(self, result: FileResult) -> None:
        if result.skipped:
            self.skipped += 1
        else:
            self.files += 1
            self.credentials += result.credentials
            self.failed += not result.ok
        if self.bar is not None:
            self.bar.update(self.task, advance=1, rate=self.rate(), failed=self.failed)
            return
        now = time.monotonic()
        if not self.quiet and now - self.last >= self.every:
            self.last = now
            print(f"credbridge: batch: {self.line()}", file=sys.stderr, flush=True)

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        skipped = f" ({self.skipped} skipped: done before)" if self.skipped else ""
        return (
            f"{self.files} files{skipped}, {self.credentials} credentials, {self.failed} failed, "
            f"{self.rate():.1f} files/s in {elapsed:.1f} s"
        )

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


# --------------------------------------------------------------------------- the batch


@dataclass
class BatchConfig:
    inputs: list[str]
    out: Path
    format: str | None = None
    target: str | None = None
    options: ParseOptions = field(default_factory=ParseOptions)
    workers: int = 0
    """0: one per core."""
    ordered: bool = True
    overwrite: bool = False
    retry_failed: bool = False
    part_files: int = 500
    quiet: bool = False
    progress_every: float = 5.0


@dataclass
class Summary:
    files: int = 0
    skipped: int = 0
    credentials: int = 0
    failed: int = 0
    nothing_read: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    output: str = ""
    manifest: str = ""


def plan(config: BatchConfig) -> tuple[Format, Shape]:
    """The output format and the worker's shape, or a BatchError saying why they do not fit."""
    fmt = output_format(config.out, config.format)
    target = config.target
    media = None
    if target:
        from credbridge.targets import get

        media = get(target).media_type
    if fmt == "parquet":
        if target:
            raise BatchError(
                "--to does not apply to Parquet (it holds the profiles); use .jsonl, .csv or a folder"
            )
        return fmt, "parquet"
    if fmt == "csv":
        if target not in (None, "csv"):
            raise BatchError(f"--to {target} does not make CSV rows; use --out FILE.jsonl or --out DIR")
        return fmt, "csv"
    if fmt == "jsonl":
        if media is None:
            return fmt, "profile"
        if not is_json_media(media):
            raise BatchError(
                f"--to {target} makes {media} records, which are not JSON lines: use --out DIR "
                "(one file per resume)" + (" or --out FILE.csv" if target == "csv" else "")
            )
        return fmt, "record"
    return fmt, "file"


def run_batch(config: BatchConfig, stdin: IO[str] | None = None) -> Summary:
    """Run a batch end to end; raises BatchError before any work when the request cannot work."""
    fmt, shape = plan(config)
    out = config.out
    sink: Sink
    if fmt == "jsonl":
        sink = _AppendSink(out)
    elif fmt == "csv":
        sink = _AppendSink(out, csv_header())
    elif fmt == "parquet":
        sink = _ParquetSink(out, max(1, config.part_files))
    else:
        sink = _DirSink(out)
    if out.exists() and out.is_dir() != (fmt in ("parquet", "dir")):
        kind = "a folder" if out.is_dir() else "a file"
        raise BatchError(
            f"{out} is {kind}, but {fmt} output needs " + ("a file" if out.is_dir() else "a folder")
        )
    manifest = Manifest(manifest_path(out), {"format": fmt, "target": config.target})
    if config.overwrite:
        sink.reset()
        manifest.create()
    elif not manifest.path.exists():
        if sink.exists():
            raise BatchError(
                f"{out} exists and has no manifest ({manifest.path.name}), so a rerun cannot tell what is "
                "done: use --overwrite to replace it, or another --out"
            )
        manifest.create()
    state = manifest.read()
    forget = sink.recover(state)
    if forget or state.torn:
        state = manifest.rewrite(forget)
    done = {
        path: sha
        for path, (sha, outcome) in state.done.items()
        if sha is not None and (outcome == "ok" or not config.retry_failed)
    }
    del state

    progress = Progress(
        quiet=config.quiet,
        every=config.progress_every,
        total_of=None if "-" in config.inputs else iter_inputs(config.inputs),
    )
    tasks = (
        Task(i, path, done.get(path))
        for i, path in enumerate(iter_inputs(config.inputs, stdin, warn=progress.message))
    )
    job = Job(options=config.options, shape=shape, target=config.target)
    summary = Summary(output=str(out), manifest=str(manifest.path))
    batch: list[tuple[FileResult, dict[str, Any]]] = []
    first_pending = 0.0

    def commit() -> None:
        if not batch:
            return
        common = sink.commit()
        manifest.append([_entry(result, {**fields, **common}) for result, fields in batch])
        # Counted only now: what the progress and the summary call done is in the manifest.
        for result, _ in batch:
            progress.update(result)
        batch.clear()

    manifest.open()
    results = run_tasks(tasks, job, workers=config.workers or default_workers(), ordered=config.ordered)
    try:
        for result in results:
            if result.skipped:
                progress.update(result)
                continue
            if result.error:
                progress.message(result.error)
            if not batch:
                first_pending = time.monotonic()
            batch.append((result, sink.add(result)))
            summary.nothing_read += result.nothing_read
            if sink.due(len(batch), time.monotonic() - first_pending):
                commit()
    except KeyboardInterrupt:
        summary.interrupted = True
        with contextlib.suppress(Exception):
            results.close()  # type: ignore[attr-defined]
    finally:
        commit()
        manifest.close()
        sink.close()
        progress.stop()
    summary.files, summary.skipped = progress.files, progress.skipped
    summary.credentials, summary.failed = progress.credentials, progress.failed
    summary.seconds = time.monotonic() - progress.started
    if not config.quiet or summary.interrupted:
        state_word = "interrupted (rerun the same command to go on)" if summary.interrupted else "done"
        progress.message(f"batch {state_word}: {progress.line()}; output {out}, manifest {manifest.path}")
    return summary


def _entry(result: FileResult, fields: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "path": result.path,
        "sha256": result.sha256,
        "outcome": "ok" if result.ok else "error",
    }
    if result.ok:
        entry["credentials"] = result.credentials
        if result.warnings:
            entry["warnings"] = sorted({code for code, _ in result.warnings})
    else:
        entry["error"] = result.error
        entry["code"] = result.code
    entry.update(fields)
    return entry
