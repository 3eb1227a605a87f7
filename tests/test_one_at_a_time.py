"""The cache's lock: a second builder waits for the first to finish, in another process as in this one."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from common.one_at_a_time import one_at_a_time

ROOT = Path(__file__).resolve().parents[1]


def test_a_second_holder_waits_until_the_first_is_done(tmp_path):
    lock, order, inside = tmp_path / "demo.lock", [], threading.Event()

    def first() -> None:
        with one_at_a_time(lock):
            inside.set()
            time.sleep(0.3)
            order.append("first done")

    holder = threading.Thread(target=first)
    holder.start()
    inside.wait()
    with one_at_a_time(lock):
        order.append("second in")
    holder.join()
    assert order == ["first done", "second in"]


def test_another_process_waits_for_the_lock(tmp_path):
    lock, done = tmp_path / "models" / "x.lock", tmp_path / "done"
    script = ("import sys, time; from pathlib import Path; from common.one_at_a_time import one_at_a_time\n"
              "with one_at_a_time(Path(sys.argv[1])):\n"
              "    print('in', flush=True); time.sleep(0.5); Path(sys.argv[2]).write_text('built')\n")
    other = subprocess.Popen([sys.executable, "-c", script, str(lock), str(done)], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    assert other.stdout.readline().strip() == "in"
    with one_at_a_time(lock):
        assert done.read_text() == "built"   # what the first built is there once the lock is ours
    assert other.wait() == 0
