"""The small model's advice, checked sentence by sentence before a shopper reads it.

The answers here are ones the bundled model gave in the browser to a shopper looking at the demo
shop's floral dresses; they are replayed through the real prompt, the real checks and the
real products, so each test fails if the check lets that sentence through again.
"""

from __future__ import annotations

import pytest

from assistant.advice import advice_messages, answer_stream
from assistant.advice_check import contradicts_facts, echoes_instructions, invents_figures
from assistant.manager import Assistant
from assistant.understanding import Understander

QUESTION = "which one would suit a beach wedding best?"
SORRY = "I couldn't put a good answer together just now"


class Replay:
    """A backend that streams one answer the real model once gave, a few characters at a time."""

    name = "replay"

    def __init__(self, answer: str):
        self.answer = answer

    def stream(self, *args, **kwargs):
        yield from (self.answer[i:i + 5] for i in range(0, len(self.answer), 5))


@pytest.fixture(scope="module")
def dresses(demo_catalog):
    session = Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog)).session()
    products = session.handle("a floral dress for a summer wedding under $120").products
    by_color = {c: p for p in products for c in p.colors}
    assert "green" in by_color and "linen" in by_color["green"].material and "cotton" not in by_color["green"].material
    return products


def test_an_answer_that_reads_its_instructions_back_is_not_shown(dresses):
    instructions = advice_messages(QUESTION, dresses, "en")[0].content
    echo = ("A clear recommendation: beach wedding clothing is not recommended as it is too expensive and not "
            "suitable for beach weddings.")
    assert echoes_instructions(echo, instructions)
    assert not echoes_instructions("Linen is better for a hot day, as it is more breathable.", instructions)
    answer = "".join(answer_stream(Replay(echo), QUESTION, dresses, "en")())
    assert answer.startswith(SORRY) and "expensive" not in answer


def test_a_sentence_giving_a_named_dress_another_fabric_is_left_out(dresses):
    wrong = ("The green one would work for an office party because it's a cotton dress that is both comfortable "
             "and stylish.")
    right = next(p for p in dresses if "cotton" in p.material)
    true = f"The {right.title} would be the best choice, as it features a relaxed, floral look."
    assert contradicts_facts(wrong, dresses)
    assert not contradicts_facts(true, dresses)
    assert not contradicts_facts("Go for the green one: it is cotton-free linen, unlike cotton.", dresses,
                                 question="is linen or cotton better?")
    said = "".join(answer_stream(Replay(f"{true} {wrong}"), "would the green one work?", dresses, "en")())
    assert said == true
    assert "".join(answer_stream(Replay(wrong), "would the green one work?", dresses, "en")()).startswith(SORRY)


def test_a_sentence_with_figures_the_model_was_not_given_is_left_out(dresses):
    """Asked whether linen or cotton is better for hot weather, the bundled model answered with
    temperatures it made up; the facts it is given hold no measurements."""
    question = "is linen or cotton better for hot weather?"
    made_up = ("Linen is better for hot weather because it has a lower temperature of 70°F compared to cotton, "
               "which has a higher temperature of 80°F.")
    given = advice_messages(question, dresses, "en")[1].content
    assert invents_figures(made_up, given, len(dresses))
    assert not invents_figures("Number 2 is the coolest of the 3, being linen.", given, len(dresses))
    assert not invents_figures("Both stay under the $60 you asked about.", given + " under $60", len(dresses))
    true = "Linen is usually cooler than cotton, as it breathes better."
    said = "".join(answer_stream(Replay(f"{true} {made_up}"), question, dresses, "en")())
    assert said == true
    assert "".join(answer_stream(Replay(made_up), question, dresses, "en")()).startswith(SORRY)
