"""One process at a time builds what the cache keeps (the demo shop, assembled weights): two replicas started
together on a fresh machine, or two test workers, would otherwise write the same files at once, and the second
could read the first's half-written catalog. Whoever waits finds the work done when the lock is theirs."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def one_at_a_time(lock: Path) -> Iterator[None]:
    """Holds an exclusive advisory lock on the file `lock` (made if missing) for the block."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
