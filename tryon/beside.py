"""A helper thread for the render's stages that do not need each other's results.

The render runs on one core while the other waits, but some of its stages read nothing another
writes: the garment's sleeves are warped apart from its body, and the garment's layer at the input
resolution needs nothing the repaints round it make. Such a stage is handed to this thread
(`beside`) and its result taken where it is needed; OpenCV and numpy free the GIL while they work,
so the two run at once, and what is drawn is the same as one after the other.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")


def _new_helper() -> ThreadPoolExecutor:
    # one worker: each stage handed to it is waited for by the render that handed it, and hands none on
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="tryon-beside")


_HELPER = _new_helper()


def _after_fork() -> None:
    """A forked process (a server's worker) has no copy of the parent's thread: it starts its own."""
    global _HELPER
    _HELPER = _new_helper()


os.register_at_fork(after_in_child=_after_fork)


def beside(job: Callable[[], T]) -> Future[T]:
    """`job` run on the helper thread; its result (or its error) from the future's `result()`."""
    return _HELPER.submit(job)
