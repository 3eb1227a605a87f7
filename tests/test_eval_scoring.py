"""Eval scoring on a tiny hand-made file whose scores are known, and the CLI end to end."""

from __future__ import annotations

import json

from assistant.eval import main, match_slots, score

DIALOGUES = [
    {"id": "a", "turns": [
        {"user": "x", "expect": {"intent": "search", "slots": {"category": "shirt", "color": ["navy", "white"], "max_price": 60}}},
        {"user": "y", "expect": {"intent": "refine", "slots": {"category": "shirt", "max_price": {"lt": 60}, "exclude": {"fit": ["slim"]}}}},
        {"user": "第一件", "expect": {"intent": "details", "slots": {}, "ref": 1}},
    ]},
]
PREDICTIONS = [
    {"id": "a", "turns": [
        {"intent": "search", "slots": {"category": "shirt", "color": ["navy"], "max_price": 60}, "ref": None},
        {"intent": "search", "slots": {"category": "shirt", "max_price": 50, "exclude": {"fit": ["slim"]}}, "ref": None},
        {"intent": "details", "slots": {"size": "M"}, "ref": 1},
    ]},
]


def test_known_scores():
    s = score(DIALOGUES, PREDICTIONS)["all"]
    # gold pairs: 4 + 3 + 0 = 7; predicted: 3 + 3 + 1 = 7; true positives: 3 + 3 = 6
    assert s["intent_accuracy"] == round(2 / 3, 4)
    assert s["slot_precision"] == round(6 / 7, 4) and s["slot_recall"] == round(6 / 7, 4)
    assert s["exact_state"] == round(1 / 3, 4)
    assert s["ref_accuracy"] == 1.0 and s["ref_turns"] == 1
    zh = score(DIALOGUES, PREDICTIONS)["zh"]
    assert zh["turns"] == 1 and zh["exact_state"] == 0.0


def test_relative_prices_match_bounds():
    assert match_slots({"max_price": {"lt": 60}}, {"max_price": 59})[0] == 1
    assert match_slots({"max_price": {"lt": 60}}, {"max_price": 60})[0] == 0
    assert match_slots({"min_price": {"gt": 150}}, {"min_price": 151})[0] == 1


def test_cli_runs_the_manager(tmp_path, capsys):
    dialogues = tmp_path / "d.jsonl"
    dialogues.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in [
        {"id": "c1", "turns": [
            {"user": "navy linen shirt, size L, under $60", "expect": {"intent": "search", "slots": {
                "category": "shirt", "color": ["navy"], "size": "L", "material": ["linen"], "max_price": 60}}},
            {"user": "", "image": "selfie", "expect": {"intent": "upload_photo", "slots": {
                "category": "shirt", "color": ["navy"], "size": "L", "material": ["linen"], "max_price": 60}}},
            {"user": "start over", "expect": {"intent": "reset", "slots": {}}},
        ]},
    ]), encoding="utf-8")
    out = tmp_path / "p.jsonl"
    assert main(["--dialogues", str(dialogues), "--predictions", str(out), "--llm", "none", "--no-catalog"]) == 0
    prediction = json.loads(out.read_text(encoding="utf-8"))
    assert [t["intent"] for t in prediction["turns"]] == ["search", "upload_photo", "reset"]
    assert prediction["turns"][0]["slots"]["max_price"] == 60
    assert "intent" in capsys.readouterr().out
