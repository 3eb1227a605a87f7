"""A shopper's photo stays in their session: never logged, never shared, deleted on request and on expiry.

These run the web chat's own callbacks (`web.chat_ui.ChatUI`) in-process with the real demo
catalog, the real try-on engine and the real embedded LLM, and then look at what is left
on disk, in the log, in the engine and in what the LLM was sent.
"""

from __future__ import annotations

import io
import logging
import shutil
import uuid
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from skimage import data

from web.chat_ui import ChatUI
from assistant.llm import make_backend
from assistant.manager import Assistant
from assistant.tryon_port import load_engine
from assistant.understanding import Understander
from sessions.chat import PHOTO_DELETED

SECRET_NAME = "jane-doe-42-elm-street.jpg"


class Recording:
    """The real LLM backend, with every message it is sent kept for inspection."""

    def __init__(self, backend):
        self.backend = backend
        self.name = backend.name
        self.sent: list = []

    def complete(self, messages, **options):
        self.sent.extend(messages)
        return self.backend.complete(messages, **options)

    def stream(self, messages, **options):
        self.sent.extend(messages)
        return self.backend.stream(messages, **options)


@pytest.fixture(scope="module")
def llm():
    return Recording(make_backend("llama_cpp"))


@pytest.fixture(scope="module")
def assistant(demo_catalog, llm):
    understander = Understander.for_catalog(demo_catalog, llm)
    return Assistant(catalog=demo_catalog, understander=understander, llm=llm, tryon=load_engine())


@pytest.fixture
def upload_root(tmp_path):
    root = tmp_path / "uploads"
    root.mkdir()
    return root


@pytest.fixture
def ui(assistant, upload_root):
    chat = ChatUI(assistant, upload_root, session_ttl_s=3600)
    yield chat
    chat.janitor.stop()


def gps_selfie() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    exif[0x010F] = "SecretPhone Maker"
    buffer = io.BytesIO()
    Image.fromarray(data.astronaut()).save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def upload(root: Path, payload: bytes, name: str = SECRET_NAME) -> str:
    """Put a file where Gradio's upload route would: <root>/<random>/<original name>."""
    folder = root / uuid.uuid4().hex
    folder.mkdir()
    path = folder / name
    path.write_bytes(payload)
    return str(path)


def run(ui: ChatUI, session, text: str = "", files: list[str] | None = None):
    for history, _, session, _ in ui.respond({"text": text, "files": files or []}, session):
        pass
    return session


def last_text(session) -> str:
    return next(m["content"] for m in reversed(session.history) if isinstance(m["content"], str))


def image_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def looks_like_the_photo(path: Path) -> bool:
    """Whether a file on disk shows the astronaut (the photo or a render made from it): its top rows,
    her head and the room behind it, which no garment covers, match the photo's."""
    try:
        with Image.open(path) as opened:
            small = np.asarray(opened.convert("RGB").resize((32, 32)), dtype=float)
    except OSError:
        return False
    reference = np.asarray(Image.fromarray(data.astronaut()).resize((32, 32)), dtype=float)
    return float(np.abs(small[:12] - reference[:12]).mean()) < 25


def test_the_original_upload_is_deleted_and_the_shown_copy_has_no_metadata(ui, upload_root):
    session = run(ui, None, "a navy shirt for work")
    original = upload(upload_root, gps_selfie())
    session = run(ui, session, "", [original])
    assert not Path(original).exists() and not Path(original).parent.exists()
    shown = [m["content"]["path"] for m in session.history if isinstance(m["content"], dict)]
    assert len(shown) == 1 and Path(shown[0]).is_relative_to(session.files.root)
    assert SECRET_NAME not in shown[0]
    with Image.open(shown[0]) as copy:
        assert not copy.getexif() and "exif" not in copy.info
    assert "photo" in last_text(session).lower()


def test_forget_my_photo_deletes_photo_and_renders_at_once(ui, upload_root, assistant):
    session = run(ui, None, "a navy shirt for work")
    session = run(ui, session, "", [upload(upload_root, gps_selfie())])
    session = run(ui, session, "try the first one on me")
    assert session.manager.photo is not None
    kept = image_files(session.files.root)
    assert len(kept) == 2 and all(looks_like_the_photo(p) for p in kept)   # the photo as shown, one render
    assert assistant.tryon._cache == {}   # the engine keeps nothing about the shopper between requests

    session = run(ui, session, "forget my photo")
    assert session.manager.photo is None and not session.files.root.exists()
    assert [m for m in session.history if m["content"] == PHOTO_DELETED] and "deleted" in last_text(session)
    assert not [p for p in image_files(upload_root) if looks_like_the_photo(p)]
    session = run(ui, session, "try the second one on me")
    assert "photo" in last_text(session).lower()   # asks for a new one: nothing was kept


def test_an_idle_session_expires_with_everything_it_held(assistant, upload_root):
    ui = ChatUI(assistant, upload_root, session_ttl_s=60.0)
    try:
        session = run(ui, None, "red dress")
        session = run(ui, session, "", [upload(upload_root, gps_selfie())])
        session = run(ui, session, "try the first one on me")
        assert image_files(session.files.root)
        ui.janitor.stop()   # the sweep below is the one that closes it, however slow the turns were
        session.last_active -= 61.0
        assert ui.janitor.sweep() == 1
        assert session.closed and session.manager.photo is None and session.history == []
        assert not image_files(upload_root)
        fresh = run(ui, session, "what's in my cart?")
        assert fresh is not session and "ended after" in fresh.history[1]["content"]
        assert fresh.manager.photo is None and fresh.manager.state.cart == ()
    finally:
        ui.janitor.stop()


def test_a_photo_sent_and_never_answered_is_deleted_with_the_session(ui, upload_root):
    """A photo sent while a try-on rendered waits for its turn; "Forget me" pressed before it came ends the
    session, and the upload, never read, goes with it."""
    session = run(ui, None, "a navy shirt for work")
    original = upload(upload_root, gps_selfie())
    _, session = ui.take({"text": "", "files": [original]}, session)
    assert Path(original).exists() and session.history[-1]["content"] == "📎 photo"
    for history, _, fresh, _ in ui.forget_me(session, None):
        pass
    assert session.closed and not Path(original).exists() and not image_files(upload_root)
    assert fresh is not session and next(ui.answer(fresh))[2] is fresh   # nothing is left to answer


def test_messages_sent_before_the_last_is_answered_are_answered_in_turn_each_under_its_own(ui):
    """The page takes each message as it is sent; its reply goes under it, before messages sent after it."""
    session = run(ui, None, "a navy shirt for work")
    for said in ("tell me about the first one", "what's in my cart?"):
        _, session = ui.take({"text": said, "files": []}, session)
    assert [m["content"] for m in session.history[-2:]] == ["tell me about the first one", "what's in my cart?"]
    for _ in ui.answer(session):
        pass
    said = [m["content"] for m in session.history if isinstance(m["content"], str)]
    first, second = said.index("tell me about the first one"), said.index("what's in my cart?")
    assert second == first + 2 and "$" in said[first + 1] and "cart" in said[second + 1].lower(), said


def test_two_sessions_never_see_each_others_photo(ui, upload_root):
    first = run(ui, None, "a navy shirt")
    first = run(ui, first, "", [upload(upload_root, gps_selfie())])
    second = run(ui, None, "a navy shirt")
    second = run(ui, second, "try the first one on me")
    assert second.manager.photo is None and "photo" in last_text(second).lower()
    assert first.files.root != second.files.root and not second.files.root.exists()


def test_the_photo_is_never_logged_nor_sent_to_the_llm(ui, upload_root, llm, caplog):
    path = upload(upload_root, gps_selfie())
    caplog.set_level(logging.DEBUG)
    llm.sent.clear()
    session = run(ui, None, "a navy shirt")
    session = run(ui, session, "here's me, show the first one on me", [path])
    session = run(ui, session, "hmm, what would you suggest?")   # the rules are unsure: the LLM is asked
    assert llm.sent, "the conversation should have consulted the LLM at least once"
    sent = "\n".join(m.content for m in llm.sent)
    assert all(isinstance(m.content, str) for m in llm.sent)
    for secret in (SECRET_NAME, "jane-doe", str(upload_root), "SecretPhone", "/9j/"):   # /9j/ starts base64 JPEG
        assert secret not in sent
        assert secret not in caplog.text


def test_a_failing_render_is_a_message_and_the_session_goes_on(demo_catalog, upload_root):
    class BrokenEngine:
        """The real engine, except that rendering blows up as a bug would."""

        def __init__(self):
            self.engine = load_engine()

        def analyze_person(self, image):
            return self.engine.analyze_person(image)

        def forget(self, image):
            self.engine.forget(image)

        def pose_problem(self, person, part="upper"):
            return self.engine.pose_problem(person, part)

        def render(self, *args, **kwargs):
            raise MemoryError("simulated out-of-memory in the renderer")

    broken = Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog), tryon=BrokenEngine())
    ui = ChatUI(broken, upload_root, session_ttl_s=3600)
    try:
        session = run(ui, None, "a navy shirt")
        session = run(ui, session, "", [upload(upload_root, gps_selfie())])
        session = run(ui, session, "try the first one on me")
        assert "wrong" in last_text(session).lower()
        session = run(ui, session, "add the first one to my cart")
        assert "cart" in last_text(session).lower()
    finally:
        ui.janitor.stop()
        shutil.rmtree(upload_root, ignore_errors=True)


def test_a_new_photo_replaces_the_last_one_everywhere(ui, upload_root):
    session = run(ui, None, "a navy shirt")
    session = run(ui, session, "", [upload(upload_root, gps_selfie())])
    first = session.manager.photo
    session = run(ui, session, "", [upload(upload_root, gps_selfie(), "second.png")])
    assert session.manager.photo is not first
    photos = [p for p in image_files(session.files.root) if p.name.startswith("photo-")]
    assert len(photos) == 1
    shown = [m for m in session.history if isinstance(m["content"], dict)]
    assert len(shown) == 1 and shown[0]["content"]["path"] == str(photos[0])
    assert [m for m in session.history if m["content"] == PHOTO_DELETED]
