"""Stages handed to the helper threads: a stage that splits its own work while running on a helper, in
as many renders at once as there are helpers, finishes instead of waiting behind itself."""

from __future__ import annotations

import threading
from concurrent.futures import wait

from tryon.beside import WORKERS, beside


def test_a_stage_splitting_its_work_on_every_helper_at_once_finishes():
    started = threading.Barrier(WORKERS, timeout=10)

    def stage(k: int) -> int:
        started.wait()   # every helper busy with a stage, as with several renders at once
        half = beside(lambda: k * 10)
        return half.result(timeout=10) + k

    futures = [beside(lambda k=k: stage(k)) for k in range(WORKERS)]
    done, pending = wait(futures, timeout=20)
    assert not pending
    assert sorted(f.result() for f in done) == [k * 11 for k in range(WORKERS)]


def test_a_stage_handed_on_from_the_render_runs_on_a_helper():
    assert beside(lambda: threading.current_thread().name).result(timeout=10).startswith("tryon-beside")
