"""The shop in a browser: a thin Gradio chat over the dialogue manager.

Each browser session gets its own `DialogueManager` in `gr.State`; this module holds no
shopper data. The layer only turns turns into chat messages: streamed reply text, a
product gallery, a try-on render.
"""

from __future__ import annotations

import os

# llama.cpp and torch share this 2-core machine in one process; OpenMP threads that spin
# for long after each parallel region starve the other library (turns 2-4x slower).
os.environ.setdefault("GOMP_SPINCOUNT", "10000")

import argparse
import atexit
import logging
import shutil
import signal
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import gradio as gr
from starlette.middleware import Middleware

from assistant.describe import product_line
from assistant.manager import Assistant, DialogueManager, Turn
from assistant.message_text import as_display_text, clean_message
from catalog import CatalogError
from catalog.progress import Progress
from common.images import ImageLimits
from common.packaged_models import PackagedModelError, cache_dir, check_mediapipe
from sessions.chat import ChatSession, SessionFiles, SessionJanitor, discard_upload, private_upload_root
from sessions.shared import SharedSessions
from sessions.store import StoreUnavailable, WriteThrough, open_store
from sessions.store.cookie import SessionCookieMiddleware

log = logging.getLogger("app")
SHOW_WORKING_AFTER_S = 0.4
# Words ready at once go out in one update; slower ones (an LLM sentence) stream at this pace.
STREAM_EVERY_S = 0.1
WELCOME = (
    "Hi! Tell me what you're looking for — e.g. “a navy linen shirt for a summer wedding, size L, "
    "under $60, nothing slim”. You can attach a photo of yourself any time (📎) and I'll show "
    "products on you."
)
CSS = "footer { display: none !important; }"


def gallery_items(manager: DialogueManager, turn: Turn) -> list[tuple[str, str]]:
    """Products of this turn, numbered by their position in the list the shopper can point at."""
    catalog = manager.catalog
    positions = {item.product_id: item.position for item in turn.state.shown}
    colors = tuple(turn.state.request.color)
    items = []
    for index, product in enumerate(turn.products, start=1):
        color = next((c for c in colors if c in product.colors), None)
        image = catalog.image_path(product, color) if catalog is not None else None
        if image is not None:
            items.append((str(image), product_line(positions.get(product.id, index), product, turn.lang, colors,
                                                   turn.state.request.size)))
    return items


FORGOTTEN = "Done — I've deleted your conversation, your cart and your photo. What are you looking for?"
SESSION_EXPIRED = ("Your previous session ended after {minutes} minutes without activity, so I deleted your photo "
                   "and try-ons and started afresh. What are you looking for?")
PHOTO_SHOWN_MAX_SIDE = 768
# The web server refuses uploads this many times over the photo limit outright (so a huge
# file never fills the disk); between the two, the assistant explains the limit in the chat.
UPLOAD_HARD_LIMIT_FACTOR = 4


class ChatUI:
    """Callbacks bound to the shared, read-only assistant; per-shopper data arrives as gr.State."""

    def __init__(self, assistant: Assistant, upload_root: Path, session_ttl_s: float):
        self.assistant = assistant
        self.upload_root = upload_root
        self.session_ttl_s = session_ttl_s
        self.janitor = SessionJanitor(session_ttl_s)
        self.shared: SharedSessions | None = None   # the session store, when the browser holds an id
        self._workers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="turn")

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
        """One shopper message in; the chat updated step by step as the turn progresses."""
        session = self._session(session, request)
        message = message or {}
        text = clean_message(message.get("text")).text
        files = [f if isinstance(f, str) else (f or {}).get("path") for f in message.get("files") or []]
        files = [f for f in files if f]
        for extra in files[:-1]:
            discard_upload(extra, self.upload_root)
        upload = files[-1] if files else None
        placeholder = session.add({"role": "user", "content": "📎 photo"}) if upload else None
        if text:
            session.add({"role": "user", "content": as_display_text(text)})
        yield session.history, None, session, gr.skip()
        if text or upload:
            yield from self._run_turn(session, text, upload, placeholder)

    def command(self, text: str, session: ChatSession | None, request: gr.Request | None = None) -> Iterator[tuple]:
        """A button press, shown in the chat as if the shopper had typed it."""
        session = self._session(session, request)
        session.add({"role": "user", "content": text})
        yield session.history, None, session, gr.skip()
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
                    yield history + [{"role": "assistant", "content": "⏳ Working on it…"}], None, session, gr.skip()
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
            yield history, None, session, gr.skip()
            return
        if turn.action.kind == "forget_photo":
            session.forget_photos()
        words: list[str] = []
        reply = session.add({"role": "assistant", "content": ""})
        flushed = time.monotonic()
        for piece in turn.stream():
            words.append(piece)
            if time.monotonic() - flushed >= STREAM_EVERY_S:
                reply["content"] = as_display_text("".join(words))
                yield history, None, session, gr.skip()
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
        shelf = items if turn.lists else gr.skip()
        self._save(session)
        yield history, None, session, shelf

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


def _close_session(session: ChatSession | None) -> None:
    """A tab Gradio dropped; a session the browser keeps by id (a reload) ends by idle TTL or by the shopper."""
    if session is not None and session.session_id is None:
        session.close()


def build_ui(ui_logic: ChatUI) -> gr.Blocks:
    with gr.Blocks(title="Shop assistant", fill_height=True) as ui:
        # Expiry is the janitor's (Gradio's own state TTL would forget the tab had a session, and
        # the shopper would not be told why their photo is gone); Gradio still closes what it drops.
        session = gr.State(None, delete_callback=_close_session)
        gr.Markdown("### 🛍️ Shop assistant")
        chatbot = gr.Chatbot(
            value=[{"role": "assistant", "content": WELCOME}], height=620, label="Chat",
            buttons=["copy"], feedback_options=None, group_consecutive_messages=False, latex_delimiters=[], render_markdown=False,
        )
        box = gr.MultimodalTextbox(
            placeholder="Ask for something, or attach your photo…", file_types=["image"], file_count="single",
            show_label=False, sources=["upload"], autofocus=True,
        )
        with gr.Accordion("Products shown", open=False):
            shelf = gr.Gallery(label="Last results — select one, then choose an action", columns=4,
                               height="auto", object_fit="contain", allow_preview=False)
            selected = gr.State(None)
            with gr.Row():
                try_on = gr.Button("👕 Try on me", size="sm")
                details = gr.Button("ℹ️ Details", size="sm")
                add = gr.Button("🛒 Add to cart", size="sm")
        with gr.Row():
            cart = gr.Button("🧺 My cart", size="sm")
            restart = gr.Button("↺ Start over", size="sm")
            forget = gr.Button("🗑️ Forget my photo", size="sm")
            forget_me = gr.Button("🧹 Forget me", size="sm")

        outputs = [chatbot, box, session, shelf]
        box.submit(ui_logic.respond, [box, session], outputs, api_name="chat")

        def remember(event: gr.SelectData) -> int:
            return event.index + 1

        shelf.select(remember, None, selected, api_name=False)

        def act(template: str):
            def run(position: int | None, state: ChatSession | None, request: gr.Request):
                if position is None:
                    state = ui_logic._session(state, request)
                    state.add({"role": "assistant", "content": "Select a product in “Products shown” first."})
                    yield state.history, None, state, gr.skip()
                    return
                yield from ui_logic.command(template.format(position), state, request)
            return run

        try_on.click(act("try #{} on me"), [selected, session], outputs, api_name=False)
        details.click(act("tell me about #{}"), [selected, session], outputs, api_name=False)
        add.click(act("add #{} to my cart"), [selected, session], outputs, api_name=False)

        def say(text: str):
            def run(state: ChatSession | None, request: gr.Request):   # a generator: Gradio streams its updates
                yield from ui_logic.command(text, state, request)
            return run

        cart.click(say("what's in my cart?"), [session], outputs, api_name=False)
        restart.click(ui_logic.start_over, [session], outputs, api_name=False)
        forget.click(say("forget my photo"), [session], outputs, api_name=False)
        forget_me.click(ui_logic.forget_me, [session], outputs, api_name=False)
        chatbot.clear(ui_logic.start_over, [session], outputs, api_name=False)
        ui.load(ui_logic.resume, None, [chatbot, session], api_name=False)
    return ui


def load_assistant(catalog_dir: str | None, llm: str, limits: ImageLimits) -> Assistant:
    check_mediapipe()
    progress = Progress()
    try:
        return Assistant.create(catalog_dir=catalog_dir, llm=llm, progress=progress, upload_limits=limits)
    finally:
        progress.close()


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(description="Run the shopping assistant in a browser.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--catalog", help="catalog directory built with `python -m catalog build` (default: demo shop)")
    parser.add_argument("--llm", default="llama_cpp", help="llama_cpp | transformers | openai | none")
    parser.add_argument("--session-ttl-minutes", type=float, default=30.0,
                        help="delete a session's photo, try-ons and conversation after this long without activity")
    parser.add_argument("--sessions", default=os.environ.get("SHOP_SESSIONS", "sqlite"),
                        help="where conversations and carts outlive a restart: sqlite (the data folder), "
                             "sqlite:///path/to/file.db, or redis://host:port/0 shared by replicas (or SHOP_SESSIONS)")
    parser.add_argument("--max-upload-mb", type=float, help="largest photo accepted (default 10, or SHOP_UPLOAD_MAX_MB)")
    args = parser.parse_args(argv)
    if args.session_ttl_minutes <= 0 or (args.max_upload_mb is not None and args.max_upload_mb <= 0):
        parser.error("--session-ttl-minutes and --max-upload-mb must be positive")
    limits = ImageLimits.from_env()
    if args.max_upload_mb is not None:
        limits = replace(limits, max_bytes=int(args.max_upload_mb * 1024 * 1024))
    try:
        store = open_store(args.sessions, cache_dir(), args.session_ttl_minutes * 60)
        secret = store.secret()
    except (ValueError, StoreUnavailable) as error:
        print(f"error: cannot open the session store: {error}", file=sys.stderr)
        return 2
    try:
        assistant = load_assistant(args.catalog, args.llm, limits)
    except (CatalogError, PackagedModelError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    # Every upload, photo copy and render lives under one private folder removed at exit.
    upload_root = private_upload_root(os.environ.get("GRADIO_TEMP_DIR"))
    os.environ["GRADIO_TEMP_DIR"] = str(upload_root)
    atexit.register(shutil.rmtree, upload_root, True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))   # a service stop also runs the clean-up above
    ui_logic = ChatUI(assistant, upload_root, args.session_ttl_minutes * 60)
    ui_logic.shared = SharedSessions(WriteThrough(store), secret, ui_logic.new_session)
    ui = build_ui(ui_logic)
    ui.queue(default_concurrency_limit=2)
    allowed = [str(assistant.catalog.directory)] if assistant.catalog is not None else []
    try:
        ui.launch(server_name=args.host, server_port=args.port, allowed_paths=allowed, css=CSS,
                  prevent_thread_lock=True, quiet=True, max_file_size=UPLOAD_HARD_LIMIT_FACTOR * limits.max_bytes,
                  app_kwargs={"middleware": [Middleware(SessionCookieMiddleware, secret=secret)]})
    except OSError as error:
        print(f"error: cannot serve on {args.host}:{args.port} ({error}); is another app using it? "
              "Choose another with --port.", file=sys.stderr)
        return 2
    print(f"Shop assistant ready: open http://{args.host}:{args.port} in your browser (Ctrl-C stops it)", flush=True)
    try:
        ui.block_thread()
    finally:
        ui_logic.janitor.stop()
        ui_logic.shared.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
