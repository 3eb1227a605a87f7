"""`python -m assistant chat --json` end to end, as the project's evaluation runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from catalog.demo.shop import demo_catalog_dir

ROOT = Path(__file__).resolve().parent.parent


def test_chat_json_prints_one_line_per_turn(demo_catalog, tmp_path):
    broken = tmp_path / "me.jpg"
    broken.write_bytes(b"not a photo")
    messages = [
        "navy linen shirt, size L, under $60, nothing slim-fit",
        "tell me about the first one",
        "add it to my cart",
        "我想要一条黑色的连衣裙",
        f"/image {broken}",
        "start over",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--catalog", str(demo_catalog_dir()), "--llm", "none", "--json"],
        input="\n".join(messages) + "\n", capture_output=True, text=True, cwd=ROOT, timeout=180,
    )
    assert done.returncode == 0, done.stderr
    turns = [json.loads(line) for line in done.stdout.splitlines()]
    assert [t["intent"] for t in turns] == ["search", "details", "add_to_cart", "search", "upload_photo", "reset"]
    first = turns[0]
    assert first["slots"] == {"category": "shirt", "color": ["navy"], "size": "L", "material": ["linen"],
                              "max_price": 60, "exclude": {"fit": ["slim"]}}
    assert first["products"] and set(first["products"][0]) >= {"id", "title", "price", "colors", "sizes_in_stock"}
    for product in first["products"]:
        assert product["title"] in first["reply"] and "L" in product["sizes_in_stock"]
    assert turns[1]["ref"] == 1 and turns[2]["cart"][0]["product_id"] == first["products"][0]["id"]
    assert turns[3]["lang"] == "zh" and turns[3]["slots"] == {"category": "dress", "color": ["black"]} and "连衣裙" in turns[3]["reply"]
    assert turns[4]["tryon"] is False and turns[5]["slots"] == {}


SLOW_PRINTING_BACKEND = r'''
import os, sys, time
from assistant.__main__ import run
from assistant.manager import Assistant
from assistant.understanding import Understander
from catalog.demo.shop import open_demo_catalog


class SlowPrinting:
    """Runs past its budget while printing (from Python and straight to descriptor 1) and, like llama-cpp-python's verbose=False, points
    descriptors 1 and 2 at /dev/null for the length of the call, from a background thread."""

    name = "slow-printing"

    def stream(self, *args, **kwargs):
        print("backend chatter on stdout", flush=True)
        os.write(1, b"native chatter on descriptor 1\n")   # as C code's printf would
        print("backend chatter on stderr", file=sys.stderr, flush=True)
        saved = os.dup(1), os.dup(2)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        try:
            time.sleep(2.0)
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
        yield '{"intent": "search"}'

    complete = stream


catalog = open_demo_catalog()
understander = Understander.for_catalog(catalog, SlowPrinting(), llm_timeout=0.3, ask_llm_below=1.01)
session = Assistant(catalog=catalog, understander=understander).session()
sys.exit(run(session, sys.stdin, json_mode=True))
'''


def test_chat_json_keeps_one_line_per_message_while_a_slow_backend_prints(demo_catalog):
    messages = ["红色连衣裙", "navy linen shirt size L", "what's the second one made of?", "start over"]
    done = subprocess.run([sys.executable, "-c", SLOW_PRINTING_BACKEND], input="\n".join(messages) + "\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(messages), done.stdout
    turns = [json.loads(line) for line in lines]
    assert turns[0]["slots"]["category"] == "dress" and turns[-1]["slots"] == {}
    assert "backend chatter on stdout" in done.stderr and "native chatter on descriptor 1" in done.stderr
