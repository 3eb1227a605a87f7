"""Shopper sentences we wrote ourselves (`data/paraphrases*.jsonl`): the act classifier's examples of the acts
real turns rarely show, and, for the speech recogniser, how shoppers put the shop's words together."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).with_name("data")


def paraphrase_rows() -> list[dict]:
    """Every row: `text`, `act`, `lang`, and what came before it where the row says (`after`, `shown`)."""
    return [json.loads(line) for path in sorted(DATA.glob("paraphrases*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def shopper_sentences(lang: str = "en") -> tuple[str, ...]:
    return tuple(row["text"] for row in paraphrase_rows() if row.get("lang", "en") == lang)
