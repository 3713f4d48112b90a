"""A terminal driver that survives any bytes on its input.

Textual's Linux driver decodes input as strict UTF-8 in its input thread, so one invalid byte
(a raw ``\\xff`` pasted from a binary file, a terminal in a legacy encoding) raised
``UnicodeDecodeError`` there, the app panicked and the process still exited 0. Reported
upstream as Textualize/textual#6456 (fix proposed in PR #6498). Until a release carries it,
this subclass runs the same input loop with a decoder that replaces invalid bytes with U+FFFD;
split multi-byte characters still decode across reads, as the incremental decoder keeps them.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver


class LenientLinuxDriver(LinuxDriver):
    """``LinuxDriver`` whose input loop decodes with ``errors="replace"``."""

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual 8.2's loop, lenient decoding)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode

        def process(selector_events: list, final: bool = False) -> None:
            for last, (_key, mask) in loop_last(selector_events):
                if mask & selectors.EVENT_READ:
                    text = decode(os.read(fileno, 1024 * 4), final=final and last)
                    if not text:
                        break  # stdin is a pipe that was closed
                    for event in parser.feed(text):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(0.1))
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
