"""The render's threading plan: which pieces of which step are made on the helper threads (`beside`) while the
render goes on, and what must be taken before one is handed on.

The steps (`engine.render_on`, `compose.compose`) are written as if one piece followed another: a step names a
piece where what it reads is known (`plan(piece, job)`) and takes its result where it reads it. Whether the
piece runs meanwhile on a helper thread is decided here alone: a piece in `ON_HELPER` is handed on at once, any
other is made where it is first taken. What is drawn is the same either way, byte for byte; the overlap exists
for speed on two cores (`python -m bench.tryon_latency`).
"""

from __future__ import annotations

from typing import Callable, TypeVar

from tryon.shared.beside import beside, taken_here

T = TypeVar("T")
Take = Callable[[], T]   # a piece's result, taken where a step reads it


# each piece handed on, with the piece taken before it is (no more than two threads busy at once, on two cores)
# piece                              handed on                                   taken
ON_HELPER: dict[str, str | None] = {
    "product_photo": None,   # step 1, as the person's photo is analysed   step 2, after the pose is judged
    "photo_reads": None,     # step 3, before the garment is warped        after step 6 (for its errors)
    "warp_reads": None,      # after step 3                                step 7, by the gate
    "rim_frame": None,       # step 4, first                               by the rim, once what stays in
    "frame_reads": None,     # step 4, first (waits for the frame)           front is found
    "clip": None,            # step 4, first                               as the garment's alpha is cut
    "bend": None,            # step 4, first (tops)                        after the rim
    "beyond_arms": None,     # step 4, once what stays in front is found   after the rim
    "colours": None,         # step 4, once the rim is bent                by step 6's layer
    "room_nearness": None,   # step 4, once the garment's box is known     as its outline is redrawn
    "soft_edge": None,       # step 4, once what stays in front is final   the alpha's last line
    "skin_grain": None,      # end of step 4 (tops and dresses)            by step 5's painted skin
    "layer": "colours",      # step 6's first piece, before step 5         before the old hem is handed on
    "old_hem": "layer",      # step 5, once the collar is painted          once the fringe is found
    "fringe_fill": None,     # step 6, first                               as the fringe is pasted
}


class Plan:
    """One render's hand-offs, as `ON_HELPER` says: `plan(piece, job)` gives back how to take the piece's result
    (on a helper thread's result, made on the asking thread when no helper has started it)."""

    def __init__(self) -> None:
        self._handed: dict[str, Take] = {}

    def __call__(self, piece: str, job: Callable[[], T]) -> Take[T]:
        if piece not in ON_HELPER:
            return taken_here(job).result
        first = ON_HELPER[piece]
        if first in self._handed:
            self._handed[first]()
        take = beside(job).result
        self._handed[piece] = take
        return take
