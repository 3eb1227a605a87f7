"""Stages handed to the helper threads: a stage that splits its own work while running on a helper, in
as many renders at once as there are helpers, finishes instead of waiting behind itself; a stage asked for
before either helper has started it is made on the thread asking, once, and `results` makes those first,
then waits for the ones already running; a thread waiting for a stage another is making makes the parts that
stage handed on and no thread has started."""

from __future__ import annotations

import threading
import time
from concurrent.futures import CancelledError, wait

import pytest

from tryon.shared.beside import WORKERS, beside, results


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


def test_a_stage_handed_on_from_the_render_runs_on_a_helper_when_one_is_free():
    stage = beside(lambda: threading.current_thread().name)
    wait([stage], timeout=10)   # not asked for till it is done
    assert stage.result().startswith("tryon-beside")


@pytest.fixture
def busy_helpers():
    """Both helpers held on a job each until the test lets them go."""
    release, started = threading.Event(), threading.Semaphore(0)

    def hold() -> str:
        started.release()
        release.wait(10)
        return threading.current_thread().name

    held = [beside(hold) for _ in range(WORKERS)]
    for _ in held:
        assert started.acquire(timeout=10)
    yield held, release
    release.set()


def test_a_stage_no_helper_has_started_is_made_where_it_is_asked_for(busy_helpers):
    held, release = busy_helpers
    made = []

    def stage() -> str:
        made.append(threading.current_thread().name)
        return "done"

    queued = beside(stage)
    assert queued.result(timeout=5) == "done"
    assert made == [threading.current_thread().name]
    release.set()
    assert all(job.result(timeout=10).startswith("tryon-beside") for job in held)
    assert made == [threading.current_thread().name]  # the helper freed later did not make it again


def test_results_makes_the_queued_stages_and_waits_for_the_running_ones(busy_helpers):
    held, release = busy_helpers
    order = []
    queued = [beside(lambda i=i: order.append(i) or i) for i in range(3)]
    assert results(queued) == [0, 1, 2]
    assert order == [0, 1, 2]
    release.set()
    assert [job.result(timeout=10) for job in held] == results(held)


def test_a_stages_error_comes_back_from_its_result_wherever_it_was_made(busy_helpers):
    def broken() -> None:
        raise ValueError("no pixels")

    with pytest.raises(ValueError, match="no pixels"):
        beside(broken).result(timeout=5)


def test_a_cancelled_stage_is_not_made():
    made = []
    release = threading.Event()
    held = [beside(lambda: release.wait(10)) for _ in range(WORKERS)]
    queued = beside(lambda: made.append(1))
    assert queued.cancel()
    release.set()
    for job in held:
        job.result(timeout=10)
    with pytest.raises(CancelledError):
        queued.result(timeout=5)
    assert made == []


def test_a_thread_waiting_for_a_stage_makes_the_parts_no_thread_has_started():
    release, held_started, stage_started = threading.Event(), threading.Event(), threading.Event()
    held = beside(lambda: held_started.set() or release.wait(10))   # one helper busy; the stage runs on the other
    assert held_started.wait(10)
    made = {}

    def part() -> int:
        made["by"] = threading.current_thread().name
        return 1

    def stage() -> int:
        handed = beside(part)
        stage_started.set()
        deadline = time.monotonic() + 10
        while "by" not in made and time.monotonic() < deadline:   # left for a waiting thread to make
            time.sleep(0.001)
        return handed.result(timeout=10) + 1

    running = beside(stage)
    assert stage_started.wait(10)
    assert running.result(timeout=10) == 2
    assert made["by"] == threading.current_thread().name
    release.set()
    held.result(timeout=10)
