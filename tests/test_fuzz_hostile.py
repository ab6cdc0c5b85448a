"""The hostile corpus (fuzz/hostile.py) through the CLI, each file in a process held to 2 GiB of
address space and 30 s of CPU: what a service worker would be given.

A clean result is a profile or a verification report (exit 0 or 1); a clean error is exit 1 or
2 with each stderr line a `credbridge:` message. A traceback, a signal, or a MemoryError or
RecursionError turned into "internal error" means the input found a gap in the readers' caps.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fuzz.hostile import CORPUS, generate

CLI = str(Path(sys.executable).with_name("credbridge"))
ADDRESS_SPACE = 2 * 1024**3
CPU_SECONDS = 30


def _limits() -> None:
    """Runs in the child before exec: the limits a worker process would run under."""
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def _run(path: Path, command: tuple[str, ...]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [CLI, *command, str(path)],
        capture_output=True,
        preexec_fn=_limits,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[bytes]]:
    """Every file run once, two at a time: each takes seconds (most of it start-up)."""
    files = generate(tmp_path_factory.mktemp("hostile"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = {path.name: pool.submit(_run, path, command) for path, command in files.items()}
    return {name: run.result() for name, run in runs.items()}


@pytest.mark.parametrize("name", CORPUS)
def test_hostile_file_gets_a_clean_answer(
    results: dict[str, subprocess.CompletedProcess[bytes]], name: str
) -> None:
    result = results[name]
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode in (0, 1, 2), f"killed or crashed: exit {result.returncode}\n{stderr[-2000:]}"
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr[-2000:]
    assert all(line.startswith("credbridge: ") for line in stderr.splitlines()), stderr[-2000:]
    if result.returncode == 2 or not result.stdout:
        assert stderr.strip(), "a refusal must say why"
    else:
        result.stdout.decode("utf-8")  # strict: whatever was printed is valid UTF-8
