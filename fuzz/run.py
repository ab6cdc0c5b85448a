"""Run the fuzz targets of fuzz/targets.py for a fixed time (or number of inputs) each; exit 1
when any input crashed.

    python -m fuzz.run [TARGET...] --seconds 60 [--runs N] --crash-dir fuzz-crashes --work-dir fuzz-work

Each target runs in its own process under atheris (libFuzzer, coverage-guided) when it is
installed (`pip install -e '.[fuzz]'`, which `make fuzz` does), else under a plain mutation
fuzzer with the same targets, seeds and crash files, for platforms atheris has no wheel for. A
crash is saved as CRASH_DIR/TARGET/crash-<sha1> (libFuzzer also writes timeout-* for an input
over 30 s and oom-* for one over 2 GiB); reproduce it with `python -m fuzz.run TARGET --replay FILE`,
then copy it to tests/data/fuzz/TARGET/ once fixed, where the tests replay it on every run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path

from fuzz.targets import TARGETS, Target, check

PER_INPUT_TIMEOUT = 30
"""Seconds one input may take before libFuzzer calls it a hang; readers answer in well under one."""
RSS_LIMIT_MB = 2048
"""Memory one input may take before libFuzzer calls it a crash; the readers' caps keep far below."""
SEED = int(os.environ.get("FUZZ_SEED", "1"))
"""libFuzzer's random seed: fixed, so that CI repeats the exploration a local run passed (a slower
machine gets through fewer inputs of the same sequence); set FUZZ_SEED to explore elsewhere."""


def _child(target: Target, seconds: int, runs: int, crash_dir: Path, corpus: Path) -> None:
    """Fuzz one target in this process; never returns (libFuzzer and the fallback both exit)."""
    seeds = target.seed_files()
    try:
        import atheris  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        _fallback(target, seconds, runs, crash_dir)
    # Running one seed imports the readers the target reaches; only credbridge's own modules are
    # instrumented for coverage: instrumenting every library too (pdfminer, pydantic, lxml's
    # Python parts) cost a minute of start-up and made each input about ten times slower.
    with atheris.instrument_imports(include=["credbridge", "credbridge_adapters"]):
        for seed in seeds[:1]:
            check(target, seed.read_bytes())
    args = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        f"-timeout={PER_INPUT_TIMEOUT}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-seed={SEED}",
        *([f"-runs={runs}"] if runs else []),
        f"-artifact_prefix={crash_dir}/",
        "-print_final_stats=1",
        str(corpus),
    ]
    atheris.Setup(args, lambda data: check(target, data))
    atheris.Fuzz()


def _fallback(target: Target, seconds: int, runs_wanted: int, crash_dir: Path) -> None:
    """Blind mutation of the seeds until time is up or an input crashes (no coverage feedback)."""
    seeds = [path.read_bytes() for path in target.seed_files()] or [b""]
    rng = random.Random(0)
    runs, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline and not (runs_wanted and runs >= runs_wanted):
        data = _mutate(rng.choice(seeds), seeds, rng)
        runs += 1
        try:
            check(target, data)
        except Exception:
            path = crash_dir / f"crash-{hashlib.sha1(data).hexdigest()}"
            path.write_bytes(data)
            traceback.print_exc()
            print(f"crash saved to {path}\nstat::number_of_executed_units: {runs}", file=sys.stderr)
            sys.exit(1)
    print(f"stat::number_of_executed_units: {runs}", file=sys.stderr)
    sys.exit(0)


_INTERESTING = (b"\x00", b"\xff", b"\x7f", b"\x80", b"\xed\xa0\x80", b"\\ud800", b"<", b"{", b"[", b"(")


def _mutate(data: bytes, seeds: list[bytes], rng: random.Random) -> bytes:
    """One to four of libFuzzer's basic mutations: bit flips, bytes, cuts, copies, splices."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        kind = rng.randrange(5)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif kind == 1:
            out[at:at] = rng.choice(_INTERESTING)
        elif kind == 2:
            del out[at : at + rng.randint(1, 64)]
        elif kind == 3:
            out[at:at] = out[at : at + rng.randint(1, 256)] * rng.randint(1, 16)
        else:
            other = rng.choice(seeds)
            start = rng.randrange(len(other) + 1)
            out[at:] = other[start:]
    return bytes(out)


def _stats(log: str) -> dict[str, str]:
    """Executions and, under atheris, coverage (edges) and features from libFuzzer's output."""
    stats: dict[str, str] = {}
    if runs := re.findall(r"stat::number_of_executed_units: (\d+)", log):
        stats["runs"] = runs[-1]
    if coverage := re.findall(r"cov: (\d+) ft: (\d+)", log):
        stats["cov"], stats["ft"] = coverage[-1]
    return stats


def _crash_files(folder: Path) -> set[Path]:
    """Inputs that failed: libFuzzer's slow-unit-* (over 10 s, but finished) are not failures."""
    return {
        path for path in folder.iterdir() if path.name.startswith(("crash-", "timeout-", "oom-", "leak-"))
    }


def _parent(names: list[str], seconds: int, runs: int, crash_dir: Path, work_dir: Path) -> int:
    """Fuzz each target in a child process; print a line of numbers each; 1 when any crashed."""
    crashed = []
    for name in names:
        target = TARGETS[name]
        corpus, crashes = work_dir / name, crash_dir / name
        crashes.mkdir(parents=True, exist_ok=True)
        corpus.mkdir(parents=True, exist_ok=True)
        for seed in target.seed_files():  # libFuzzer adds what it finds to the first corpus folder
            shutil.copyfile(seed, corpus / f"seed-{hashlib.sha1(seed.read_bytes()).hexdigest()}")
        before = _crash_files(crashes)
        command = [sys.executable, "-m", "fuzz.run", "--child", name, "--seconds", str(seconds)]
        command += ["--runs", str(runs)]
        command += ["--crash-dir", str(crashes), "--work-dir", str(corpus)]
        started = time.monotonic()
        # A fixed hash seed too: set iteration order must not steer the exploration.
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        child = subprocess.run(command, capture_output=True, text=True, errors="replace", env=env)
        log = child.stdout + child.stderr
        (work_dir / f"{name}.log").write_text(log)
        new = sorted(_crash_files(crashes) - before)
        numbers = " ".join(f"{key}={value}" for key, value in _stats(log).items())
        took = time.monotonic() - started
        print(f"{name:<11} {took:5.0f}s {numbers} exit={child.returncode} new_crashes={len(new)}", flush=True)
        if new or child.returncode != 0:
            crashed.append(name)
            for path in new:
                print(f"  {path}", flush=True)
            print("\n".join(log.splitlines()[-30:]), flush=True)
    if crashed:
        print(f"crashes in: {', '.join(crashed)} (logs in {work_dir})", flush=True)
    return 1 if crashed else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("targets", nargs="*", choices=[[], *TARGETS], help="default: all of them")
    parser.add_argument("--seconds", type=int, default=60, help="per target")
    parser.add_argument(
        "--runs",
        type=int,
        default=0,
        help="inputs per target (0: as many as --seconds allows); with the fixed seed, a run of N "
        "inputs is the same on every machine, which is what CI uses",
    )
    parser.add_argument("--crash-dir", type=Path, default=Path("fuzz-crashes"))
    parser.add_argument("--work-dir", type=Path, default=Path("fuzz-work"), help="grown corpus and logs")
    parser.add_argument("--replay", type=Path, help="run this one input through the target and stop")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(TARGETS[args.child], args.seconds, args.runs, args.crash_dir.resolve(), args.work_dir)
    if args.replay:
        for name in args.targets or TARGETS:
            check(TARGETS[name], args.replay.read_bytes())
        return 0
    return _parent(args.targets or list(TARGETS), args.seconds, args.runs, args.crash_dir, args.work_dir)


if __name__ == "__main__":
    sys.exit(main())
