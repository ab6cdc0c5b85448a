"""Child processes that never outlive their parent (the service's parsing workers, batch's pool).

A worker whose parent is killed (kill -9, the OOM killer) would otherwise live on as an orphan,
holding memory and, for a pool worker, waiting forever on a pipe it holds both ends of.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int, *, kernel: bool = False, every: float = 0.5) -> None:
    """End this process when `parent` is gone: a daemon thread notices the re-parenting.

    With `kernel`, PR_SET_PDEATHSIG also has Linux kill it at once when the *thread* that spawned
    it ends; only right where that thread lives as long as the parent (the service's event
    loop), not under ProcessPoolExecutor, which may spawn from a thread of its own.
    """
    if kernel and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # gone already, before the watch could start
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="credbridge-parent-watch").start()
