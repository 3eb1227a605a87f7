"""Start the real app in a subprocess on a free loopback port, for HTTP and browser tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class RunningApp:
    url: str
    pid: int
    log: Path
    process: subprocess.Popen


@contextlib.contextmanager
def running_app(*args: str, timeout: float = 300, env: dict[str, str] | None = None,
                port: int | None = None) -> Iterator[RunningApp]:
    """The app serving on a loopback port (a free one unless given) until the block ends; it fails loudly if it never serves."""
    port = port or free_port()
    _artifacts()
    log_path = ROOT / "tests" / "artifacts" / f"app-{port}.log"
    log = open(log_path, "w")
    process = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port), *args],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"app exited with {process.returncode} before serving")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"app did not serve within {timeout} s")
            time.sleep(0.5)
        yield RunningApp(url, process.pid, log_path, process)
    except BaseException:
        _stop(process)
        raise
    else:   # a service stop (SIGTERM) must end the app cleanly too; an app the test itself ended is the test's to judge
        if process.poll() is None:
            code = _stop(process)
            assert code == 0, f"the app stopped with exit code {code}; its log: {log_path}"
    finally:
        log.close()


def _stop(process: subprocess.Popen) -> int | None:
    """SIGTERM, as a service manager stops it; its exit code, or None when it had to be killed."""
    if process.poll() is not None:
        return process.returncode
    process.terminate()
    try:
        return process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None


def _artifacts() -> None:
    (ROOT / "tests" / "artifacts").mkdir(parents=True, exist_ok=True)
