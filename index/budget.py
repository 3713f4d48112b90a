"""A time and memory budget for reading one file, so one file never stalls or swamps a run.

Extraction is linear in the text, but a crafted or pathological file can still be slow
enough (a megabyte of "he said") to hold up everything queued behind it. Each file is read
under a budget: past it, the file is skipped with a reason naming the budget, and the run
goes on.

Time is checked cooperatively (between paragraphs, see ``check``) in any thread, and in a
process's main thread also by an interval timer, which interrupts work that never reaches a
check (a library parsing markup). Memory is capped with ``RLIMIT_AS`` above what the process
already uses, only where the process does nothing else meanwhile (``limit_memory``: the
parse workers and the ``claims`` command); a ``MemoryError`` then becomes the skip reason.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import IngestError

FILE_SECONDS = 60.0
FILE_MEMORY_BYTES = 1 << 30

try:
    import resource
except ImportError:  # not on this platform: time only
    resource = None  # type: ignore[assignment]


class OverBudget(IngestError):
    """A file that took longer or more memory than one file may."""


_state = threading.local()


def check() -> None:
    """Raise ``OverBudget`` if the file being read in this thread is past its time."""
    deadline = getattr(_state, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise OverBudget(_time_reason(_state.seconds))


@contextmanager
def file_budget(seconds: float | None = None, memory_bytes: int | None = None,
                *, limit_memory: bool = False) -> Iterator[None]:
    """Run the body under a per-file budget; ``OverBudget`` says which one ran out."""
    seconds = FILE_SECONDS if seconds is None else seconds
    memory_bytes = FILE_MEMORY_BYTES if memory_bytes is None else memory_bytes
    _state.deadline, _state.seconds = time.monotonic() + seconds, seconds
    alarm = _arm_timer(seconds)
    memory = _limit_memory(memory_bytes) if limit_memory else None
    try:
        yield
    except MemoryError:
        raise OverBudget(f"over the memory budget ({memory_bytes / 1048576:,.0f} MiB for one "
                         "file)") from None
    finally:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, memory)
        if alarm is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, alarm)
        _state.deadline = None


def _time_reason(seconds: float) -> str:
    return f"over the time budget (more than {seconds:g} s for one file)"


def _arm_timer(seconds: float):  # the previous handler, to put back
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return None

    def expired(_signum, _frame) -> None:
        raise OverBudget(_time_reason(seconds))

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    return previous


def _limit_memory(budget: int) -> tuple[int, int] | None:
    """Cap the address space at what is mapped now plus the budget; the previous limits."""
    if resource is None:
        return None
    try:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
    previous = resource.getrlimit(resource.RLIMIT_AS)
    soft = mapped + budget
    if previous[1] != resource.RLIM_INFINITY:
        soft = min(soft, previous[1])
    try:
        resource.setrlimit(resource.RLIMIT_AS, (soft, previous[1]))
    except (ValueError, OSError):
        return None
    return previous
