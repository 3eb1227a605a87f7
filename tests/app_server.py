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
        yield RunningApp(url, process.pid, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _artifacts() -> None:
    (ROOT / "tests" / "artifacts").mkdir(parents=True, exist_ok=True)
