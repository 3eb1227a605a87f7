"""What a shopper typed, made safe to understand, store and show back.

Chat input arrives from anyone: pasted novels, terminal escape codes, right-to-left
override characters that make text read differently from what it says, lone surrogates
from broken clients. The understanding layer and the transcript get plain, bounded text;
emoji (with their joiners and variation selectors) and every script stay as typed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

MAX_MESSAGE_CHARS = 2000
# Format characters that keep emoji sequences and Indic/Arabic shaping intact.
_KEEP_FORMAT = {"\u200c", "\u200d"}


@dataclass(frozen=True)
class Message:
    text: str
    truncated: bool = False


def _allowed(char: str) -> bool:
    if char in "\n\t":
        return True
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Co", "Cn"):
        return False
    return category != "Cf" or char in _KEEP_FORMAT


def clean_message(raw: str | None) -> Message:
    """Control, bidi-override and unpaired surrogate characters dropped; at most MAX_MESSAGE_CHARS."""
    text = "".join(c if _allowed(c) else " " for c in unicodedata.normalize("NFC", raw or ""))
    text = re.sub(r"[ \t]+", " ", text).strip()
    if len(text) <= MAX_MESSAGE_CHARS:
        return Message(text)
    cut = text[:MAX_MESSAGE_CHARS]
    space = cut.rfind(" ", MAX_MESSAGE_CHARS - 200)
    return Message((cut[:space] if space > 0 else cut).rstrip(), truncated=True)


def as_display_text(text: str) -> str:
    """Text the chat shows exactly as written. The chat renders no Markdown but does render
    HTML, so escaping &, < and > is all it takes to keep tags, images and scripts inert."""
    return html.escape(text, quote=False)
