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
import logging
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr

from assistant.manager import Assistant, DialogueManager, Turn
from catalog import CatalogError
from catalog.progress import Progress
from catalog.schema import money
from packaged_models import PackagedModelError, check_mediapipe

log = logging.getLogger("app")
SHOW_WORKING_AFTER_S = 0.4
STREAM_EVERY_WORDS = 3
WELCOME = (
    "Hi! Tell me what you're looking for — e.g. *a navy linen shirt for a summer wedding, size L, "
    "under $60, nothing slim*. You can attach a photo of yourself any time (📎) and I'll show "
    "products on you."
)
CSS = "footer { display: none !important; }"


def product_caption(position: int, product, colors: tuple[str, ...] = ()) -> str:
    sizes = ", ".join(product.sizes_in_stock(colors)) if product.stock_known() else "sizes unknown"
    return (f"{position}. {product.title} — {money(product.price, product.currency)} · "
            f"{' / '.join(product.colors)} · in stock: {sizes or 'none'}")


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
            items.append((str(image), product_caption(positions.get(product.id, index), product, colors)))
    return items


@dataclass
class ChatSession:
    """One browser tab: the shopper's dialogue and the transcript shown to them."""

    manager: DialogueManager
    history: list = field(default_factory=lambda: [{"role": "assistant", "content": WELCOME}])


class ChatUI:
    """Callbacks bound to the shared, read-only assistant; per-shopper data arrives as gr.State."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self._workers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="turn")

    def _session(self, session: ChatSession | None) -> ChatSession:
        return session if session is not None else ChatSession(self.assistant.session())

    def respond(self, message: dict | None, session: ChatSession | None) -> Iterator[tuple]:
        """One shopper message in; the chat updated step by step as the turn progresses."""
        session = self._session(session)
        message = message or {}
        text = (message.get("text") or "").strip()
        files = [f if isinstance(f, str) else f.get("path") for f in message.get("files") or []]
        for path in files:
            session.history.append({"role": "user", "content": {"path": path}})
        if text:
            session.history.append({"role": "user", "content": text})
        yield session.history, None, session, gr.skip()
        if text or files:
            yield from self._run_turn(session, text, files[-1] if files else None)

    def command(self, text: str, session: ChatSession | None) -> Iterator[tuple]:
        """A button press, shown in the chat as if the shopper had typed it."""
        session = self._session(session)
        session.history.append({"role": "user", "content": text})
        yield session.history, None, session, gr.skip()
        yield from self._run_turn(session, text, None)

    def _run_turn(self, session: ChatSession, text: str, image: str | None) -> Iterator[tuple]:
        history = session.history
        future = self._workers.submit(self._handle, session.manager, text, image)
        started = time.monotonic()
        shown_working = False
        while not future.done():
            time.sleep(0.05)
            if not shown_working and time.monotonic() - started > SHOW_WORKING_AFTER_S:
                shown_working = True
                yield history + [{"role": "assistant", "content": "⏳ Working on it…"}], None, session, gr.skip()
        turn = future.result()
        if turn is None:
            history.append({"role": "assistant", "content": "Sorry — something went wrong on my side with that "
                            "message. Your conversation and cart are still here; please try again."})
            yield history, None, session, gr.skip()
            return
        words: list[str] = []
        history.append({"role": "assistant", "content": ""})
        for count, piece in enumerate(turn.stream(), start=1):
            words.append(piece)
            if count % STREAM_EVERY_WORDS == 0:
                history[-1] = {"role": "assistant", "content": "".join(words)}
                yield history, None, session, gr.skip()
        history[-1] = {"role": "assistant", "content": "".join(words)}
        items = gallery_items(session.manager, turn)
        if items:
            history.append({"role": "assistant", "content": gr.Gallery(
                value=items, columns=2, height="auto", object_fit="contain", allow_preview=True, label="Products")})
        if turn.tryon_image is not None:
            history.append({"role": "assistant", "content": gr.Image(
                value=turn.tryon_image, label="Try-on", show_label=True, format="jpeg")})
        shelf = items if turn.action.kind in ("search", "more") else gr.skip()
        yield history, None, session, shelf

    @staticmethod
    def _handle(manager: DialogueManager, text: str, image: str | None) -> Turn | None:
        try:
            return manager.handle(text, image=image)
        except Exception:  # noqa: BLE001 - a broken turn must never kill the shopper's session
            log.exception("turn failed")
            return None


def build_ui(assistant: Assistant) -> gr.Blocks:
    ui_logic = ChatUI(assistant)
    with gr.Blocks(title="Shop assistant", fill_height=True) as ui:
        session = gr.State(None)
        gr.Markdown("### 🛍️ Shop assistant")
        chatbot = gr.Chatbot(
            value=[{"role": "assistant", "content": WELCOME}], height=620, label="Chat",
            buttons=["copy"], feedback_options=None, group_consecutive_messages=False,
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

        outputs = [chatbot, box, session, shelf]
        box.submit(ui_logic.respond, [box, session], outputs, api_name="chat")

        def remember(event: gr.SelectData) -> int:
            return event.index + 1

        shelf.select(remember, None, selected, api_name=False)

        def act(template: str):
            def run(position: int | None, state: ChatSession | None):
                if position is None:
                    state = ui_logic._session(state)
                    state.history.append({"role": "assistant", "content": "Select a product in *Products shown* first."})
                    yield state.history, None, state, gr.skip()
                    return
                yield from ui_logic.command(template.format(position), state)
            return run

        try_on.click(act("try #{} on me"), [selected, session], outputs, api_name=False)
        details.click(act("tell me about #{}"), [selected, session], outputs, api_name=False)
        add.click(act("add #{} to my cart"), [selected, session], outputs, api_name=False)

        def say(text: str):
            return lambda state: ui_logic.command(text, state)

        cart.click(say("what's in my cart?"), [session], outputs, api_name=False)
        restart.click(say("start over"), [session], outputs, api_name=False)
        forget.click(say("forget my photo"), [session], outputs, api_name=False)
        chatbot.clear(say("start over"), [session], outputs, api_name=False)
    return ui


def load_assistant(catalog_dir: str | None, llm: str) -> Assistant:
    check_mediapipe()
    progress = Progress()
    try:
        return Assistant.create(catalog_dir=catalog_dir, llm=llm, progress=progress)
    finally:
        progress.close()


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(description="Run the shopping assistant in a browser.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--catalog", help="catalog directory built with `python -m catalog build` (default: demo shop)")
    parser.add_argument("--llm", default="llama_cpp", help="llama_cpp | transformers | openai | none")
    args = parser.parse_args(argv)
    try:
        assistant = load_assistant(args.catalog, args.llm)
    except (CatalogError, PackagedModelError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    ui = build_ui(assistant)
    ui.queue(default_concurrency_limit=2)
    allowed = [str(assistant.catalog.directory)] if assistant.catalog is not None else []
    try:
        ui.launch(server_name=args.host, server_port=args.port, allowed_paths=allowed, css=CSS,
                  prevent_thread_lock=True, quiet=True)
    except OSError as error:
        print(f"error: cannot serve on {args.host}:{args.port} ({error}); is another app using it? "
              "Choose another with --port.", file=sys.stderr)
        return 2
    print(f"Shop assistant ready: open http://{args.host}:{args.port} in your browser (Ctrl-C stops it)", flush=True)
    ui.block_thread()
    return 0


if __name__ == "__main__":
    sys.exit(main())
