"""The chat's callbacks: each browser session's messages, photos and voice clips turned into turns
of its own `DialogueManager`, and the turn's words, products and renders into chat messages.

The session arrives as Gradio state; this module holds no shopper data.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from assistant.describe import product_line
from assistant.manager import Assistant, DialogueManager, Turn
from assistant.message_text import as_display_text, clean_message
from sessions.chat import ChatSession, SessionFiles, SessionJanitor, discard_upload
from sessions.shared import SharedSessions
from speech import Recognizer, ShopVocabulary, SpeechError, Transcript, hear, is_audio_file

log = logging.getLogger("app")
SHOW_WORKING_AFTER_S = 0.4
# Words ready at once go out in one update; slower ones (an LLM sentence) stream at this pace.
STREAM_EVERY_S = 0.1
WELCOME = (
    "Hi! Tell me what you're looking for — e.g. “a navy linen shirt for a summer wedding, size L, "
    "under $60, nothing slim”. You can attach a photo of yourself any time (📎) and I'll show "
    "products on you, or tap the microphone (🎤) and say it."
)


def gallery_items(manager: DialogueManager, turn: Turn) -> list[tuple[str, str]]:
    """Products of this turn, numbered by their position in the list the shopper can point at; a piece just tried
    beside that list (`DialogueState.beyond`) has no number there."""
    catalog = manager.catalog
    positions: dict[str, int | None] = {item.product_id: item.position for item in turn.state.shown}
    positions.update(dict.fromkeys(turn.state.beyond))
    colors = tuple(turn.state.request.color)
    items = []
    for index, (product, color) in enumerate(zip(turn.products, turn.colors), start=1):
        image = catalog.image_path(product, color) if catalog is not None else None
        if image is not None:
            items.append((str(image), product_line(positions.get(product.id, index), product, turn.lang, colors,
                                                   turn.state.request.size)))
    return items


FORGOTTEN = "Done — I've deleted your conversation, your cart and your photo. What are you looking for?"
SESSION_EXPIRED = ("Your previous session ended after {minutes} minutes without activity, so I deleted your photo "
                   "and try-ons and started afresh. What are you looking for?")
PHOTO_SHOWN_MAX_SIDE = 768
UNSURE_WORDS = {
    "en": "I'm not sure I heard that right: “{heard}”. I've put it in the message box — fix any word and send it.",
    "zh": "我不太确定听清楚了：“{heard}”。我把它放进了输入框，请改正后再发送。",
}


@dataclass(frozen=True)
class Sent:
    """A message out of the box and waiting for its turn: its words, the photo and voice clip sent with it, whether
    it is the shopper's first, and the bubbles that show it."""

    text: str
    upload: str | None
    clip: str | None
    first: bool
    placeholder: dict | None
    written: dict | None
    spoken: dict | None


class ChatUI:
    """Callbacks bound to the shared, read-only assistant; per-shopper data arrives as gr.State."""

    def __init__(self, assistant: Assistant, upload_root: Path, session_ttl_s: float):
        self.assistant = assistant
        self.upload_root = upload_root
        self.session_ttl_s = session_ttl_s
        self.janitor = SessionJanitor(session_ttl_s)
        self.shared: SharedSessions | None = None   # the session store, when the browser holds an id
        self._workers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="turn")
        # models and the shop's words only: what a shopper says lives in their session
        self.recognizer = Recognizer(words=ShopVocabulary.for_catalog(assistant.catalog))

    def close(self) -> None:
        """The app's stop: the assistant's models are freed first (`Assistant.close`: a turn under way
        then ends on what the rules say instead of waiting for the LLM), then the turns and voice clips
        still running are waited for, and the session janitor ends."""
        self.assistant.close()
        self._workers.shutdown(wait=True, cancel_futures=True)
        self.recognizer.close()
        self.janitor.stop()

    def warm_up(self) -> None:
        """The speech models load while the first shopper reads the welcome, not during their first voice message.
        A model that cannot load is said in the log now; voice messages then get an apology, typing still works."""
        loading = self._workers.submit(self.recognizer.warm_up)
        loading.add_done_callback(lambda done: done.exception() and log.error(
            "voice messages are unavailable: %s", done.exception()))

    def new_session(self) -> ChatSession:
        files = SessionFiles(self.upload_root / "sessions" / uuid.uuid4().hex)
        session = ChatSession(self.assistant.session(), files)
        session.add({"role": "assistant", "content": WELCOME})
        self.janitor.watch(session)
        return session

    def _session(self, session: ChatSession | None, request: gr.Request | None = None) -> ChatSession:
        session_id = self._session_id(request)
        if session_id is not None:
            current = self.shared.current(session_id, session)
            current.touch()
            return current
        if session is not None and not session.closed:
            session.touch()
            return session
        fresh = self.new_session()
        if session is not None:
            fresh.add({"role": "assistant", "content": SESSION_EXPIRED.format(minutes=round(self.session_ttl_s / 60))})
        return fresh

    def _session_id(self, request: gr.Request | None) -> str | None:
        return self.shared.session_id(request.headers.get("cookie")) if self.shared and request else None

    def resume(self, request: gr.Request) -> tuple:
        """A page load: the browser's stored conversation, cart and state, if it has one."""
        if self._session_id(request) is None:
            return gr.skip(), None
        session = self._session(None, request)
        return session.history, session

    def end_session(self, session: ChatSession | None, request: gr.Request) -> ChatSession:
        """Start over / forget me: the session ends in the store and on this replica; a fresh one follows."""
        if self.shared is not None:
            self.shared.end(session, self._session_id(request))
        elif session is not None:
            session.close()
        return self._session(None, request)

    def start_over(self, session: ChatSession | None, request: gr.Request) -> Iterator[tuple]:
        yield from self.command("start over", self.end_session(session, request), request)

    def forget_me(self, session: ChatSession | None, request: gr.Request) -> Iterator[tuple]:
        fresh = self.end_session(session, request)
        fresh.add({"role": "assistant", "content": FORGOTTEN})
        self._save(fresh)
        yield fresh.history, None, fresh, []

    def _save(self, session: ChatSession) -> None:
        if self.shared is not None:
            self.shared.save(session)

    def respond(self, message: dict | None, session: ChatSession | None,
                request: gr.Request | None = None) -> Iterator[tuple]:
        """One shopper message in (typed, spoken or a photo), answered: the chat updated step by step as the turn
        progresses (the API's call; the page sends by `take` and `answer`)."""
        history, session = self.take(message, session, request)
        yield history, None, session, gr.skip()
        yield from self.answer(session, request)

    def take(self, message: dict | None, session: ChatSession | None,
             request: gr.Request | None = None) -> tuple[list, ChatSession]:
        """A message sent (typed, spoken or a photo), shown at once and kept to be answered in its turn: one sent while
        a try-on renders is answered after it, not lost."""
        session = self._session(session, request)
        message = message or {}
        text = clean_message(message.get("text")).text
        files = [f if isinstance(f, str) else (f or {}).get("path") for f in message.get("files") or []]
        clips = [f for f in files if f and is_audio_file(f)]
        photos = [f for f in files if f and not is_audio_file(f)]
        for extra in photos[:-1] + clips[:-1]:
            discard_upload(extra, self.upload_root)
        sent = Sent(text, photos[-1] if photos else None, clips[-1] if clips else None,
                    first=not any(m.get("role") == "user" for m in session.history),
                    placeholder={"role": "user", "content": "📎 photo"} if photos else None,
                    written={"role": "user", "content": as_display_text(text)} if text else None,
                    spoken={"role": "user", "content": "🎤 …"} if clips else None)
        session.send(sent, tuple(b for b in (sent.placeholder, sent.written, sent.spoken) if b is not None),
                     tuple(f for f in (sent.upload, sent.clip) if f))
        return session.history, session

    def answer(self, session: ChatSession | None, request: gr.Request | None = None) -> Iterator[tuple]:
        """The messages sent and not yet answered, each in turn; a second call while one runs finds them answered."""
        session = self._session(session, request)
        answered = False
        while (sent := session.next_sent()) is not None:
            answered = True
            yield from self._answer(session, sent)
        if not answered:
            yield gr.skip(), gr.skip(), session, gr.skip()

    def _answer(self, session: ChatSession, sent: Sent) -> Iterator[tuple]:
        # the language the shopper has used so far makes it likelier in their voice message
        expected = None if sent.first else session.manager.state.lang
        text = sent.text
        yield session.history, gr.skip(), session, gr.skip()
        if sent.clip:
            transcript = self._listen(session, sent.clip, sent.spoken, expected)
            if transcript is not None and not transcript.sure:
                yield self._to_check(session, text, transcript, sent.upload, (sent.placeholder, sent.written, sent.spoken))
                return
            text = clean_message(f"{text} {transcript.text}").text if transcript else text
            yield session.history, gr.skip(), session, gr.skip()
        if text or sent.upload:
            yield from self._run_turn(session, text, sent.upload, sent.placeholder)
        else:
            self._save(session)

    def _to_check(self, session: ChatSession, typed: str, heard: Transcript, upload: str | None,
                  shown: tuple[dict | None, ...]) -> tuple:
        """Words the recogniser is unsure of go back into the message box with the photo sent with them, for
        the shopper to correct and send: one correction instead of a search for what was misheard."""
        session.history[:] = [message for message in session.history if all(message is not own for own in shown)]
        said = UNSURE_WORDS[heard.lang].format(heard=as_display_text(heard.text.rstrip(".!?。！？")))
        session.add({"role": "assistant", "content": said})
        self._save(session)
        draft = {"text": clean_message(f"{typed} {heard.text}").text, "files": [upload] if upload else []}
        return session.history, draft, session, gr.skip()

    def _listen(self, session: ChatSession, clip: str, shown: dict, expected: str | None) -> Transcript | None:
        """The words of a voice message, shown as the shopper's message; the clip itself is deleted at once
        and never logged. A clip with no words gets its reason in the chat, and the session goes on."""
        try:
            transcript = self._workers.submit(hear, self.recognizer, clip, expected).result()
        except SpeechError as problem:
            reason = problem.message
        except Exception:  # noqa: BLE001 - a failed recogniser must not end the shopper's session
            log.exception("voice message failed")
            reason = "Sorry — I couldn't listen to that message on my side. Please try again, or type it."
        else:
            shown["content"] = as_display_text(f"🎤 {transcript.text}")
            return transcript
        finally:
            discard_upload(clip, self.upload_root)
        shown["content"] = "🎤 (voice message)"
        session.add({"role": "assistant", "content": reason})
        return None

    def command(self, text: str, session: ChatSession | None, request: gr.Request | None = None) -> Iterator[tuple]:
        """A button press, shown in the chat as if the shopper had typed it."""
        session = self._session(session, request)
        session.add({"role": "user", "content": text})
        yield session.history, gr.skip(), session, gr.skip()
        yield from self._run_turn(session, text, None, None)

    def _run_turn(self, session: ChatSession, text: str, upload: str | None, placeholder: dict | None) -> Iterator[tuple]:
        history = session.history
        photo_before = session.manager.photo
        future = self._workers.submit(self._handle, session.manager, text, upload)
        started = time.monotonic()
        shown_working = False
        try:
            while not future.done():
                time.sleep(0.05)
                if not shown_working and time.monotonic() - started > SHOW_WORKING_AFTER_S:
                    shown_working = True
                    yield history + [{"role": "assistant", "content": "⏳ Working on it…"}], gr.skip(), session, gr.skip()
            turn = future.result()
        finally:
            if upload:
                discard_upload(upload, self.upload_root)
        session.touch()
        if placeholder is not None:
            self._show_photo(session, placeholder, photo_before)
        if turn is None:
            session.add({"role": "assistant", "content": "Sorry — something went wrong on my side with that "
                         "message. Your conversation and cart are still here; please try again."})
            self._save(session)
            yield history, gr.skip(), session, gr.skip()
            return
        if turn.action.kind == "forget_photo":
            session.forget_photos()
        shelf = gr.skip()
        for part in (*turn.before, turn):   # "show me linen shirts and try the first on me": the list, then the render
            items = yield from self._show_turn(session, part)
            shelf = items if part.lists else shelf
        self._save(session)
        yield history, gr.skip(), session, shelf

    @staticmethod
    def _show_turn(session: ChatSession, turn: Turn) -> Generator[tuple, None, list[tuple[str, str]]]:
        """One turn's reply as it streams, then its products and render; returns the products shown."""
        words: list[str] = []
        reply = session.add({"role": "assistant", "content": ""})
        flushed = time.monotonic()
        for piece in turn.stream():
            words.append(piece)
            if time.monotonic() - flushed >= STREAM_EVERY_S:
                reply["content"] = as_display_text("".join(words))
                yield session.history, gr.skip(), session, gr.skip()
                flushed = time.monotonic()
        reply["content"] = as_display_text("".join(words))
        items = gallery_items(session.manager, turn)
        if items:
            session.add({"role": "assistant", "content": gr.Gallery(
                value=items, columns=2, height="auto", object_fit="contain", allow_preview=True, label="Products")})
        if turn.tryon_image is not None:
            render = session.files.save_jpeg("tryon", turn.tryon_image)
            session.add({"role": "assistant", "content": gr.Image(
                value=str(render), label="Try-on", show_label=True, format="jpeg")}, file=render)
        return items

    @staticmethod
    def _show_photo(session: ChatSession, placeholder: dict, photo_before) -> None:
        """Show the photo as the session keeps it (upright, no metadata), never the original file."""
        photo = session.manager.photo
        if photo is None or photo is photo_before:
            placeholder["content"] = "📎 image (not used)"
            return
        session.forget_photos("photo")   # one photo per session: the newest replaces the last
        copy = session.files.save_jpeg("photo", photo, PHOTO_SHOWN_MAX_SIDE)
        session.show_file(placeholder, copy, {"path": str(copy)})

    @staticmethod
    def _handle(manager: DialogueManager, text: str, image: str | None) -> Turn | None:
        try:
            return manager.handle(text, image=image)
        except Exception:  # noqa: BLE001 - a broken turn must never kill the shopper's session
            log.exception("turn failed")
            return None
