"""A helper thread for the render's stages that do not need each other's results.

The render runs on one core while the other waits, but some of its stages read nothing another
writes: the garment's sleeves are warped apart from its body, and the garment's layer at the input
resolution needs nothing the repaints round it make. Such a stage is handed to this thread
(`beside`) and its result taken where it is needed; OpenCV and numpy free the GIL while they work,
so the two run at once, and what is drawn is the same as one after the other.

Two workers: a stage handed on while an earlier one still runs (the old collar's skin colour while
the garment's layer is made) starts at once instead of queueing behind it, and the render no longer
waits for both in turn.

A stage may hand on parts of its own work wherever it runs. A thread that asks for a stage another
thread is making does not only wait: it makes the parts that stage handed on and no thread has started
(the render, waiting for the rim's frame, works out half of it).
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")
# at most this many stages run beside the render at once: a render keeps two cores busy, and more threads than
# that only contend for them
WORKERS = 2
_MAKING = threading.local()   # `.job`: the handed job this thread is making, if any


def _new_helper() -> ThreadPoolExecutor:
    # a stage asked for before a helper has started it is made by the thread asking (`_Handed`): no thread waits
    # for a stage that has not started, so none can block another, however many renders share the helpers
    return ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="tryon-beside")


_HELPER = _new_helper()


def _after_fork() -> None:
    """A forked process (a server's worker) has no copy of the parent's thread: it starts its own."""
    global _HELPER
    _HELPER = _new_helper()


os.register_at_fork(after_in_child=_after_fork)


class _Handed(Future):
    """A job handed on to the helper threads. Its result asked for before either has started it (both busy with
    stages handed on before), it is made on the asking thread, which would otherwise only wait."""

    def __init__(self, job: Callable[[], T]) -> None:
        super().__init__()
        self._job = job
        self._taken = threading.Lock()   # held by whichever thread makes it
        self._parts: list[_Handed] = []  # the jobs it handed on while being made

    def make(self) -> None:
        """Made here, unless another thread has taken it (or it was cancelled)."""
        if not self._taken.acquire(blocking=False) or not self.set_running_or_notify_cancel():
            return
        outer = getattr(_MAKING, "job", None)
        _MAKING.job = self
        try:
            self.set_result(self._job())
        except BaseException as exc:  # given back, unchanged, by `result()`
            self.set_exception(exc)
        finally:
            _MAKING.job = outer
            self._parts = []  # done: no thread waits for it any more to make its parts

    def _unstarted_part(self) -> _Handed | None:
        """A job this one (or a part of it, at any depth) handed on that no thread has started."""
        for part in list(self._parts):
            if not part._taken.locked():
                return part
            found = part._unstarted_part()
            if found is not None:
                return found
        return None

    def result(self, timeout: float | None = None) -> T:
        self.make()
        while not self.done():  # made on another thread: its parts no one has started are made here meanwhile
            part = self._unstarted_part()
            if part is None:
                break
            part.make()
        return super().result(timeout)


def beside(job: Callable[[], T]) -> _Handed:
    """`job` run on a helper thread; its result (or its error) from the future's `result()`, which makes it
    where it is asked for when no helper has started it yet. Handed on by a job being made (a stage that splits
    its work), it is a part of that job: a thread waiting for the job makes it if no other has started it."""
    handed = _Handed(job)
    making = getattr(_MAKING, "job", None)
    if making is not None:
        making._parts.append(handed)
    _HELPER.submit(handed.make)
    return handed


def results(handed: list[_Handed]) -> list:
    """The results of jobs handed on (`beside`), in order: those no helper has started yet made here first,
    while the helpers finish theirs."""
    for job in handed:
        job.make()
    return [job.result() for job in handed]


def in_halves(rows: int, job: Callable[[slice], None]) -> None:
    """`job` over rows 0..`rows` done as two halves at once, the lower on a helper thread: for work in place
    whose rows write apart (each half its own pixels)."""
    half = rows // 2
    lower = beside(lambda: job(slice(half, rows)))
    job(slice(0, half))
    lower.result()


def taken_here(job: Callable[[], T]) -> _Handed:
    """`job` handed to no helper: made by the first thread that asks for its result, which the others wait for."""
    return _Handed(job)
