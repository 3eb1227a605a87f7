"""Progress of long catalog work (drawing photos, embedding), on stderr.

On a terminal a live tqdm bar per stage. Written to a file or a CI log, a bar's
carriage-return redraws become thousands of lines, so there each stage prints a few
plain lines instead: its start, each quarter, and its end with the rate.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm

# Fractions of a stage at which a non-terminal stream gets a line.
MILESTONES = (0.25, 0.5, 0.75, 1.0)


class Progress:
    """Callable as progress(stage, done, total); stderr by default, so piped JSON on stdout stays clean."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._live = _is_terminal(self._stream)
        self._bar: tqdm | None = None
        self._stage = ""
        self._started = 0.0
        self._first = 0
        self._reached = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self.close()
            self._stage = stage
            self._started = time.perf_counter()
            self._first = done
            self._reached = _milestones_reached(done, total)
            if self._live:
                self._bar = tqdm(total=total, desc=stage, unit="item", file=self._stream, leave=True)
            else:
                self._line(f"{stage}: {done}/{total}")
        if self._bar is not None:
            self._bar.n = done
            self._bar.refresh()
        elif _milestones_reached(done, total) > self._reached:
            self._reached = _milestones_reached(done, total)
            self._line(self._status(done, total))

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        self._stage = ""

    def _status(self, done: int, total: int) -> str:
        elapsed = time.perf_counter() - self._started
        rate = f", {(done - self._first) / elapsed:.0f}/s" if elapsed > 0 else ""
        share = done * 100 // total if total else 100
        return f"{self._stage}: {done}/{total} ({share}%) in {elapsed:.1f}s{rate}"

    def _line(self, text: str) -> None:
        print(text, file=self._stream, flush=True)


def _milestones_reached(done: int, total: int) -> int:
    return sum(done >= share * total for share in MILESTONES)


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
