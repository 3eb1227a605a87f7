"""Progress bars for long catalog work (drawing photos, embedding), on stderr."""

from __future__ import annotations

import sys

from tqdm import tqdm


class Progress:
    """A tqdm bar per stage on stderr, so piped JSON on stdout stays clean."""

    def __init__(self) -> None:
        self._bar: tqdm | None = None
        self._stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage or self._bar is None:
            self.close()
            self._stage = stage
            self._bar = tqdm(total=total, desc=stage, unit="item", file=sys.stderr, leave=True)
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
