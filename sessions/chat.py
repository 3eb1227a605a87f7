"""A browser session's lifetime: its transcript, its private files, and their deletion.

A shopper's photo is the most sensitive thing the shop holds. The dialogue manager keeps
it in memory; the web chat needs two kinds of files to show it back (the photo as kept,
the try-on renders). Those live in one private directory per session, inside Gradio's
upload folder so they are served without being copied, and are deleted when the shopper
says "forget my photo", when the session expires after inactivity, and when the app stops.
The original upload (with its EXIF, GPS position included) is deleted as soon as the
turn that read it is over.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
import weakref
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from assistant.manager import DialogueManager

log = logging.getLogger("app.sessions")
MAX_HISTORY = 200
PHOTO_DELETED = "🗑️ photo deleted"


def private_upload_root(parent: str | None = None) -> Path:
    """A fresh directory only this process user can read, for every file the web chat handles."""
    return Path(tempfile.mkdtemp(prefix="shop-assistant-", dir=parent)).resolve()


def discard_upload(path: str | Path, upload_root: Path) -> None:
    """Delete an uploaded original (and its now-empty folder); never anything outside the upload root."""
    target = Path(path).resolve()
    if not target.is_relative_to(upload_root.resolve()) or target == upload_root.resolve():
        return
    target.unlink(missing_ok=True)
    parent = target.parent
    if parent != upload_root.resolve():
        try:
            parent.rmdir()
        except OSError:
            pass


class SessionFiles:
    """One session's private directory; created on first use, removed whole."""

    def __init__(self, root: Path):
        self.root = root

    def save_jpeg(self, stem: str, rgb: np.ndarray, max_side: int | None = None) -> Path:
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        image = Image.fromarray(rgb)
        if max_side and max(image.size) > max_side:
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        target = self.root / f"{stem}-{uuid.uuid4().hex[:12]}.jpg"
        partial = target.with_suffix(".part")
        image.save(partial, "JPEG", quality=90)
        os.replace(partial, target)
        return target

    def delete(self, path: str | Path) -> None:
        target = Path(path)
        if target.parent == self.root:
            target.unlink(missing_ok=True)

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass(eq=False)
class ChatSession:
    """One browser tab: the shopper's dialogue, the transcript shown to them and its files."""

    manager: DialogueManager
    files: SessionFiles
    history: list = field(default_factory=list)
    last_active: float = field(default_factory=time.monotonic)
    closed: bool = False
    session_id: str | None = None     # the browser's id in the session store (None: this tab only)
    revision: int = 0                 # the stored record this session last wrote or read
    _file_messages: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    # messages sent and not yet answered, oldest first, each with the bubbles that show it
    _waiting: deque = field(default_factory=deque)

    def touch(self) -> None:
        self.last_active = time.monotonic()

    def idle_for(self) -> float:
        return time.monotonic() - self.last_active

    def add(self, message: dict, file: Path | None = None) -> dict:
        """Append a message, before the bubbles of messages still waiting for their answer (a reply belongs under
        the message it answers); one that shows a session file is remembered so it can be taken back."""
        with self._lock:
            first = next((bubbles[0] for _, bubbles, _ in self._waiting if bubbles), None)
            at = next((k for k, shown in enumerate(self.history) if shown is first), len(self.history))
            self.history.insert(at, message)
            if file is not None:
                self._file_messages.append((message, file))
            self._trim()
        return message

    def send(self, message: Any, bubbles: tuple[dict, ...], uploads: tuple[str, ...] = ()) -> None:
        """A message sent while earlier ones may still be answered: shown at once, answered in its turn; its uploads
        are deleted with the session if it never is."""
        with self._lock:
            self.history.extend(bubbles)
            self._waiting.append((message, bubbles, uploads))
            self._trim()

    def next_sent(self) -> Any | None:
        """The oldest message sent and not yet answered, now being answered; None when all are."""
        with self._lock:
            return self._waiting.popleft()[0] if self._waiting else None

    def show_file(self, message: dict, file: Path, content: object) -> None:
        """Turn an existing message into one showing a session file."""
        message["content"] = content
        self._file_messages.append((message, file))

    def forget_photos(self, stem: str | None = None) -> None:
        """Delete the session's files (only those named `stem-…` when given) and take them out of the transcript."""
        with self._lock:
            keep = []
            for message, file in self._file_messages:
                if stem is None or file.name.startswith(f"{stem}-"):
                    message["content"] = PHOTO_DELETED
                    self.files.delete(file)
                else:
                    keep.append((message, file))
            self._file_messages = keep
            if stem is None:
                self.files.clear()

    def close(self) -> None:
        """The end of the session: photo, renders and transcript are gone; a later message starts afresh."""
        with self._lock:
            if self.closed:
                return
            self.closed = True
            unanswered = [Path(upload) for _, _, uploads in self._waiting for upload in uploads]
            self._waiting.clear()
        for upload in unanswered:
            upload.unlink(missing_ok=True)
        self.manager.close()
        self.forget_photos()
        self.history.clear()

    def _trim(self) -> None:
        """Keep the welcome and the newest messages; files only the dropped ones showed are deleted."""
        if len(self.history) <= MAX_HISTORY:
            return
        cut = len(self.history) - MAX_HISTORY + 1
        gone = {id(message) for message in self.history[1:1 + cut]}
        del self.history[1:1 + cut]
        for message, file in self._file_messages:
            if id(message) in gone:
                self.files.delete(file)
        self._file_messages = [pair for pair in self._file_messages if id(pair[0]) not in gone]


class SessionJanitor:
    """Closes sessions idle for longer than `ttl_s`, including tabs that were simply closed.

    It holds sessions weakly: a session Gradio has already dropped is not kept alive here.
    """

    def __init__(self, ttl_s: float):
        self.ttl_s = ttl_s
        self._sessions: weakref.WeakSet[ChatSession] = weakref.WeakSet()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="session-janitor", daemon=True)
        self._thread.start()

    def watch(self, session: ChatSession) -> None:
        self._sessions.add(session)

    def sweep(self) -> int:
        expired = [s for s in list(self._sessions) if not s.closed and s.idle_for() > self.ttl_s]
        for session in expired:
            session.close()
        if expired:
            log.info("closed %d idle session(s)", len(expired))
        return len(expired)

    def _run(self) -> None:
        interval = max(0.5, min(30.0, self.ttl_s / 4))
        while not self._stop.wait(interval):
            try:
                self.sweep()
            except Exception:  # noqa: BLE001 - the janitor must outlive any one bad session
                log.exception("session sweep failed")

    def stop(self) -> None:
        self._stop.set()
