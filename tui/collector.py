"""Garbage collection in the reader's pauses, not inside keystrokes.

Each keystroke leaves thousands of objects behind (hits, and the lines Textual keeps rendered),
so CPython's full collections came every ten keystrokes or so and took ~28 ms each at 156,000
paragraphs: 12 of the 138 keystrokes of the latency benchmark met one. While the app runs,
what exists once the index is open is frozen out of collection (it lives as long as the app),
automatic full collections are held back, and one runs after a pause in searching instead.
Younger generations are still collected as usual (about a millisecond each).
"""

from __future__ import annotations

import gc
import time

HELD = 2**31 - 1  # gen-1 collections before an automatic full one: never, in practice


class PausedCollector:
    def __init__(self, pause_seconds: float = 1.0) -> None:
        self.pause_seconds = pause_seconds
        self._saved: tuple[int, int, int] | None = None
        self._last_activity = time.monotonic()

    def start(self) -> None:
        if self._saved is None:
            gc.freeze()
            self._saved = gc.get_threshold()
            gc.set_threshold(self._saved[0], self._saved[1], HELD)

    def activity(self) -> None:
        """A search started: the reader is typing."""
        self._last_activity = time.monotonic()

    def collect_if_paused(self) -> bool:
        """Run the held-back full collection once the reader has paused; ``True`` if it ran."""
        if self._saved is None or not gc.get_count()[2]:
            return False  # not started, or nothing reached the oldest generation since
        if time.monotonic() - self._last_activity < self.pause_seconds:
            return False
        gc.collect()
        return True

    def stop(self) -> None:
        """Back to CPython's policy: an app run inside a longer process (tests, Pilot) frees
        what it froze."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
            gc.unfreeze()
