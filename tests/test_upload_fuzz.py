"""1000 generated hostile uploads through the web chat's upload path: no crash, every one answered.

Each upload goes where Gradio's upload route puts it and through `ChatUI.respond`, exactly
as a browser's would, with the real decoder guard, the real try-on engine and the real
demo catalog. The counts are printed (pytest -s) for the record.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter

import numpy as np
import pytest
from PIL import Image
from skimage import data

from web.chat_ui import ChatUI
from assistant.manager import Assistant
from assistant.tryon_port import load_engine
from assistant.understanding import Understander
from sessions.chat import discard_upload
from tests.image_bytes import encode, png_claiming

CASES = 1000
CRASH = "something went wrong on my side"


def base_payloads() -> list[bytes]:
    person = Image.fromarray(data.astronaut()).resize((256, 256))
    noise = Image.fromarray(np.random.default_rng(0).integers(0, 255, (96, 80, 3), dtype=np.uint8))
    out = [encode(person, fmt) for fmt in ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF")]
    out += [encode(person.convert("CMYK"), "JPEG"), encode(person.convert("LA"), "PNG"), encode(noise, "PNG"),
            encode(Image.fromarray((np.asarray(person.convert("L")).astype(np.uint16) * 257)), "PNG"),
            encode(person, "GIF", save_all=True, append_images=[noise.resize((256, 256))], duration=50)]
    return out


def hostile(rng: random.Random, bases: list[bytes]) -> bytes:
    """One corrupt, hostile or odd file, by a randomly chosen recipe."""
    base = rng.choice(bases)
    recipe = rng.randrange(10)
    if recipe == 0:
        return base[: rng.randrange(len(base))]
    if recipe == 1:
        mutated = bytearray(base)
        for _ in range(rng.randint(1, 40)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        return bytes(mutated)
    if recipe == 2:
        cut = rng.randrange(len(base))
        return base[:cut] + rng.randbytes(rng.randint(1, 2000)) + base[cut:]
    if recipe == 3:
        magic = rng.choice([b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"RIFF\0\0\0\0WEBP", b"BM", b"II*\0"])
        return magic + rng.randbytes(rng.randint(0, 5000))
    if recipe == 4:
        return png_claiming(rng.choice([1, 3, 70_000, 2 ** 31 - 1]), rng.choice([1, 5, 90_000, 2 ** 31 - 1]))
    if recipe == 5:
        return rng.choice([b"", b"\0" * rng.randint(1, 999), rng.randbytes(rng.randint(1, 4000)),
                           b"<svg onload=alert(1)>", b"%PDF-1.4\n" + rng.randbytes(300), b"PK\x03\x04" + rng.randbytes(200)])
    if recipe == 6:
        return base + b"<script>alert(1)</script>" + rng.randbytes(rng.randint(0, 500))
    if recipe == 7:
        size = rng.choice([(1, 1), (3000, 10), (10, 3000), (63, 63), (64, 64)])
        return encode(Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3))), rng.choice(["PNG", "JPEG"]))
    if recipe == 8:
        mutated = bytearray(base)
        start = rng.randrange(max(1, len(mutated) - 64))
        mutated[start:start + 64] = b"\xff" * 64
        return bytes(mutated)
    return base


def file_name(rng: random.Random) -> str:
    name = rng.choice(["selfie.jpg", "IMG_0001.HEIC", "photo", "x.png.exe", "ünïcødé 照片.webp", "a" * 200 + ".jpg",
                       "..jpg", "CON.jpg", "semi;colon'quote\".png"])
    return name.replace("/", "_")


@pytest.fixture(scope="module")
def ui(demo_catalog, tmp_path_factory):
    assistant = Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog), tryon=load_engine())
    chat = ChatUI(assistant, tmp_path_factory.mktemp("uploads"), session_ttl_s=3600)
    yield chat
    chat.janitor.stop()


def test_a_thousand_hostile_uploads_never_crash_the_chat(ui):
    rng = random.Random(20261121)
    bases = base_payloads()
    outcomes: Counter = Counter()
    session = None
    for case in range(CASES):
        if case % 100 == 0:
            session = None
        folder = ui.upload_root / uuid.uuid4().hex
        folder.mkdir()
        path = folder / file_name(rng)
        path.write_bytes(hostile(rng, bases))
        before = session.manager.photo if session is not None else None
        for _, _, session, _ in ui.respond({"text": "", "files": [str(path)]}, session):
            pass
        reply = next(m["content"] for m in reversed(session.history) if isinstance(m["content"], str))
        assert CRASH not in reply, f"case {case} crashed the turn"
        assert reply.strip()
        outcomes["kept" if session.manager.photo is not None and session.manager.photo is not before
                 else reply.split(".")[0][:60]] += 1
        assert not path.exists(), "the original upload must be deleted after its turn"
    print(f"\n{CASES} hostile uploads, 0 crashes; outcomes:")
    for outcome, count in outcomes.most_common():
        print(f"  {count:>4}  {outcome}")
    assert sum(outcomes.values()) == CASES and outcomes["kept"] > 0
    for _, _, session, _ in ui.respond({"text": "red dress", "files": []}, session):
        pass
    assert any(not isinstance(m["content"], str) for m in session.history[-2:])   # the products gallery still comes


def test_discarding_an_upload_never_reaches_outside_the_upload_folder(tmp_path):
    root = tmp_path / "uploads"
    root.mkdir()
    outside = tmp_path / "keep.txt"
    outside.write_text("not an upload")
    discard_upload(root / ".." / "keep.txt", root)
    discard_upload(outside, root)
    discard_upload(root, root)
    assert outside.exists() and root.exists()
