"""Generalisation check on conversations written apart from the dev set (different phrasing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.eval import run_dialogues, score
from assistant.manager import Assistant

HERE = Path(__file__).parent


@pytest.mark.parametrize("name", ["test_understanding_heldout.jsonl", "test_understanding_heldout2.jsonl"])
def test_held_out_conversations_meet_the_targets(name):
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    dialogues = [json.loads(line) for line in lines if line.strip()]
    assistant = Assistant.create(llm="none", use_catalog=False, tryon=False)
    predictions, _ = run_dialogues(dialogues, assistant.session, lambda kind: object())
    scores = score(dialogues, predictions)
    overall = scores["all"]
    assert overall["intent_accuracy"] >= 0.95
    assert overall["slot_f1"] >= 0.95
    assert overall["exact_state"] >= 0.85
    assert overall["ref_accuracy"] >= 0.95
    assert abs(scores["zh"]["slot_f1"] - scores["en"]["slot_f1"]) <= 0.05
