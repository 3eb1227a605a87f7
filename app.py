"""The shop in a browser: a thin Gradio chat over the dialogue manager.

This module lays out the page and starts the server; the chat's callbacks (`web.chat_ui`) turn
each shopper's messages, photos and voice clips into turns. Each browser session gets its own
`DialogueManager` in `gr.State`; nothing here holds shopper data.
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
import threading
from dataclasses import replace
from pathlib import Path

import gradio as gr
from starlette.middleware import Middleware

from assistant.manager import Assistant
from catalog import CatalogError
from catalog.progress import Progress
from common.images import ImageLimits
from common.packaged_models import PackagedModelError, cache_dir, check_mediapipe
from sessions.chat import ChatSession, private_upload_root
from sessions.shared import SharedSessions
from sessions.store import StoreUnavailable, WriteThrough, open_store
from sessions.store.cookie import SessionCookieMiddleware
from web.chat_ui import WELCOME, ChatUI

log = logging.getLogger("app")
CSS = "footer { display: none !important; } #voice-note { color: var(--error-text-color); padding: 4px 8px; }"
WEB = Path(__file__).resolve().parent / "web"   # the page's own scripts (voice messages)
# The web server refuses uploads this many times over the photo limit outright (so a huge
# file never fills the disk); between the two, the assistant explains the limit in the chat.
UPLOAD_HARD_LIMIT_FACTOR = 4
TAKE_MESSAGE_JS = "(message) => [{text: '', files: []}, message]"


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
            placeholder="Ask for something, attach your photo, or tap 🎤 and say it…", file_types=["image", "audio"],
            file_count="single", show_label=False, sources=["upload", "microphone"], autofocus=True,
        )
        gr.HTML('<div id="voice-note" role="status" style="display:none"></div>', padding=False)
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
        # the message leaves the box in the page as it is sent (a box cleared by the server could wipe the next
        # message, typed while a try-on rendered), is taken outside the queue, and waits its turn to be answered;
        # every step that sees each message runs for each ("once", the default, skips one sent while one is taken)
        sent = gr.MultimodalTextbox(visible=False)
        box.submit(None, [box], [box, sent], js=TAKE_MESSAGE_JS, trigger_mode="multiple", api_name=False).then(
            ui_logic.take, [sent, session], [chatbot, session], queue=False, trigger_mode="multiple",
            api_name=False).then(
            ui_logic.answer, [session], outputs, trigger_mode="always_last", api_name=False)
        gr.Button(visible=False).click(ui_logic.respond, [box, session], outputs, api_name="chat")
        box.change(None, [box], None, js=(WEB / "send_recording.js").read_text(encoding="utf-8"), api_name=False)

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
                  js=(WEB / "voice.js").read_text(encoding="utf-8"),
                  prevent_thread_lock=True, quiet=True, max_file_size=UPLOAD_HARD_LIMIT_FACTOR * limits.max_bytes,
                  app_kwargs={"middleware": [Middleware(SessionCookieMiddleware, secret=secret)]})
    except OSError as error:
        print(f"error: cannot serve on {args.host}:{args.port} ({error}); is another app using it? "
              "Choose another with --port.", file=sys.stderr)
        return 2
    stopping = threading.Event()
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda *_: stopping.set())
    ui_logic.warm_up()
    print(f"Shop assistant ready: open http://{args.host}:{args.port} in your browser (Ctrl-C stops it)", flush=True)
    stopping.wait()
    # The models go first, so a turn under way ends now on what the rules say: the server's close waits
    # for the answers it is sending, and an answer waiting on a model on loaded cores held a stop for minutes.
    ui_logic.close()
    ui.close(verbose=False)
    ui_logic.shared.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
