"""llama.cpp's own output goes to Python logging; nothing touches the process's stdout or stderr.

llama-cpp-python with `verbose=False` silences llama.cpp by pointing file descriptors 1 and
2 at /dev/null around model loads (`suppress_stdout_stderr`). That is process-wide: a load
still running in a background thread when a turn's budget ran out hid everything the CLI
printed meanwhile, and two overlapping ones could restore /dev/null for good. Here the
suppressor is replaced by one that leaves the descriptors alone, and llama.cpp's native log
callback is pointed at the `llama_cpp.native` logger instead (DEBUG for its chatter,
WARNING and ERROR for what matters).
"""

from __future__ import annotations

import ctypes
import logging
import threading

log = logging.getLogger("llama_cpp.native")
# ggml_log_level (NONE, DEBUG, INFO, WARN, ERROR) -> logging level; 5 continues the previous line.
# llama.cpp's INFO is load-time chatter (tensor shapes, buffer sizes): DEBUG here.
LEVELS = {0: logging.DEBUG, 1: logging.DEBUG, 2: logging.DEBUG, 3: logging.WARNING, 4: logging.ERROR}
_CONTINUE = 5
_installed = threading.Lock()
_callback = None   # kept referenced: llama.cpp holds a raw pointer to it


class KeepStreams:
    """A drop-in for llama-cpp-python's `suppress_stdout_stderr` that redirects nothing."""

    def __init__(self, disable: bool = True):
        self.disable = disable

    def __enter__(self) -> "KeepStreams":
        return self

    def __exit__(self, *_: object) -> None:
        return None


def route_native_log() -> None:
    """Install once per process, before the first model load."""
    global _callback
    with _installed:
        if _callback is not None:
            return
        import llama_cpp
        from llama_cpp import _internals, llama, llama_chat_format

        for module in (llama, _internals, llama_chat_format):
            module.suppress_stdout_stderr = KeepStreams
        last = [logging.DEBUG]

        def forward(level: int, text: bytes, _: ctypes.c_void_p) -> None:
            if level != _CONTINUE:
                last[0] = LEVELS.get(level, logging.DEBUG)
            message = text.decode("utf-8", "replace").rstrip()
            if message.strip(". "):
                log.log(last[0], "%s", message)

        _callback = llama_cpp.llama_log_callback(forward)
        llama_cpp.llama_log_set(_callback, ctypes.c_void_p(0))
