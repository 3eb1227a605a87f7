"""A small model's advice can loop; the answer ends at the first repeated sentence, and the first
sentence still streams as it is written."""

from __future__ import annotations

from assistant.advice import MAX_ADVICE_SENTENCES, without_loops


def pieces(text: str, size: int = 4) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)]


def test_a_looping_answer_ends_at_the_first_repeat():
    loop = "Linen is the better choice. It breathes in the heat. " * 6
    assert "".join(without_loops(pieces(loop))) == "Linen is the better choice. It breathes in the heat."


def test_a_repeat_in_other_case_and_spacing_is_still_a_repeat_and_a_cut_off_repeat_is_dropped():
    text = "Go for #1, the linen shirt.  It breathes.  go for #1 — the LINEN shirt! It brea"
    assert "".join(without_loops(pieces(text))) == "Go for #1, the linen shirt.  It breathes."


def test_the_first_sentence_streams_before_it_ends():
    first = list(without_loops(["Linen", " is", " cooler", " than cotton.", " It breathes."]))
    assert first[:3] == ["Linen", " is", " cooler"]
    assert "".join(first) == "Linen is cooler than cotton. It breathes."


def test_prices_do_not_end_a_sentence_and_the_answer_is_capped():
    text = "Number 1 costs $56.99 and suits a beach. " + " ".join(f"Reason {i}." for i in range(10))
    out = "".join(without_loops(pieces(text)))
    assert out.startswith("Number 1 costs $56.99 and suits a beach.")
    assert out.count(".") - 1 == MAX_ADVICE_SENTENCES   # the price's dot is not a sentence end


def test_chinese_sentences_loop_too():
    assert "".join(without_loops(pieces("亚麻更透气。适合夏天。亚麻更透气。适合夏天。", 2))) == "亚麻更透气。适合夏天。"


def test_an_answer_without_a_full_stop_is_kept_whole():
    assert "".join(without_loops(pieces("Linen, because it breathes"))) == "Linen, because it breathes"


def test_the_advice_prompt_gives_the_model_no_price_to_misquote(demo_catalog):
    from assistant.advice import advice_messages
    from catalog.schema import money

    products = demo_catalog.rows[:3]
    prompt = " ".join(m.content for m in advice_messages("is the first one ok for an interview?", products, "en"))
    assert all(p.title in prompt for p in products)
    assert not any(money(p.price, p.currency) in prompt or f"{p.price}" in prompt for p in products)
