"""Prompt texts live in `prompts/NAME.txt` so they can be read and tuned without touching code."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from string import Template

PROMPT_DIR = Path(__file__).resolve().parent.parent / "prompts"


@lru_cache(maxsize=None)
def load_prompt(name: str) -> Template:
    """The prompt `name` as a `string.Template` ($placeholders, so JSON braces need no escaping)."""
    path = PROMPT_DIR / f"{name}.txt"
    if not path.is_file():
        raise FileNotFoundError(f"prompt {name!r} not found at {path}")
    return Template(path.read_text(encoding="utf-8"))
