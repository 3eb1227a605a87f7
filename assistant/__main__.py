"""Terminal chat with the assistant.

    python -m assistant chat [--catalog DIR] [--llm BACKEND] [--json] [--no-tryon] [--llm-replies]

One message per line on stdin; "/image PATH [words]" attaches a photo (a selfie) to the
message. With --json every turn prints one JSON object (intent, slots, ref, action, lang,
reply, products, cart, tryon; "before" when the message ran a turn first) instead of streaming the reply
text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO


def _turn_json(turn) -> dict:
    """One message's turn; a message that ran a turn first ("show me linen shirts and try the first one on me")
    also has `before`, that turn's objects in order."""
    shown = {"before": [_turn_json(first) for first in turn.before]} if turn.before else {}
    return shown | {
        "intent": turn.understanding.intent,
        "slots": turn.state.request.to_canonical(),
        "ref": turn.ref,
        "action": turn.action.kind,
        "lang": turn.lang,
        "reply": turn.text,
        "products": [
            {"id": p.id, "title": p.title, "price": p.price, "currency": p.currency, "colors": list(p.colors),
             "sizes_in_stock": list(p.sizes_in_stock(()))}
            for p in turn.products
        ],
        "cart": [line.__dict__ for line in turn.state.cart],
        "tryon": turn.tryon_image is not None,
    }


def chat(args: argparse.Namespace) -> int:
    from assistant.manager import Assistant

    assistant = Assistant.create(catalog_dir=args.catalog, llm=args.llm, tryon=not args.no_tryon,
                                 llm_replies=args.llm_replies)
    try:
        return run(assistant.session(), sys.stdin, json_mode=args.json)
    finally:
        assistant.close()


def own_stdout() -> TextIO:
    """A private copy of file descriptor 1 for the JSON lines; descriptor 1 itself and
    `sys.stdout` then point at stderr. Whatever a library prints (from Python, or from C
    straight to descriptor 1, as llama.cpp can), or wherever it points descriptor 1 while a
    call runs in another thread, each turn's line goes out whole and alone."""
    sys.stdout.flush()
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return out


def run(session, lines: Iterable[str], *, json_mode: bool) -> int:
    out = own_stdout() if json_mode else sys.stdout
    interactive = sys.stdin.isatty() and not json_mode
    if interactive:
        print("Shop assistant — type a message (Ctrl-D to quit).")
    for line in lines:
        text = line.rstrip("\n")
        image = None
        if text.startswith("/image "):
            image, _, text = text[len("/image "):].partition(" ")   # the manager reads (or rejects) the file
        turn = session.handle(text, image=image)
        if json_mode:
            out.write(json.dumps(_turn_json(turn), ensure_ascii=False) + "\n")
            out.flush()
            continue
        for part in (*turn.before, turn):
            for piece in part.stream():
                out.write(piece)
                out.flush()
            out.write("\n")
        if interactive:
            out.write("> ")
            out.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant")
    sub = parser.add_subparsers(dest="command", required=True)
    chat_parser = sub.add_parser("chat", help="chat in the terminal")
    chat_parser.add_argument("--catalog", type=Path, default=None, help="catalog directory (default: demo catalog)")
    chat_parser.add_argument("--llm", default="llama_cpp", help="llama_cpp | transformers | openai | none")
    chat_parser.add_argument("--json", action="store_true", help="one JSON object per turn")
    chat_parser.add_argument("--no-tryon", action="store_true", help="do not load the try-on engine")
    chat_parser.add_argument("--llm-replies", action="store_true",
                             help="let the LLM add one grounded follow-up sentence to replies")
    args = parser.parse_args(argv)
    return chat(args)


if __name__ == "__main__":
    raise SystemExit(main())
