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
from assistant.phrasebook import say
from assistant.understanding import Understander

QUESTION = "which one would suit a beach wedding best?"
SORRY = say("advice_narrow", "en")
RETRACT = say("advice_retract", "en")


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


def test_a_dress_named_by_its_title_and_given_colours_only_another_has_is_left_out(dresses):
    """Asked which sweater is softest, the bundled model named one by its title and gave it another's colours
    ("..., which is white/teal/black wool"): a colour only one product has, said as a claim, named that one too,
    and a sentence naming two was let through."""
    one, other = next((a, b) for a in dresses for b in dresses
                      if any(c not in a.colors and sum(c in p.colors for p in dresses) == 1 for c in b.colors))
    sentence = f"The softest is the {one.title}, which is {'/'.join(other.colors)} {one.material[0]}."
    assert contradicts_facts(sentence, dresses)
    assert not contradicts_facts(f"The softest is the {one.title}, which is {'/'.join(one.colors)}.", dresses)


def test_a_sentence_giving_a_named_dress_another_listed_brand_is_left_out(dresses):
    # on a browser walk the model called Copper Lane's navy dress "from Atelier Mora", a brand further down the list
    branded = [p for p in dresses if p.brand]
    one = next(p for p in branded if any(q.brand != p.brand for q in branded))
    other = next(q for q in branded if q.brand != one.brand)
    named = f"Number {dresses.index(one) + 1} is a good pick"
    assert contradicts_facts(f"{named}, from {other.brand}.", dresses)
    assert not contradicts_facts(f"{named}, from {one.brand}.", dresses)
    assert not contradicts_facts(f"{named}, more relaxed than the {other.title}.", dresses)   # names both


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
    alone = "".join(answer_stream(Replay(made_up), question, dresses, "en")())
    assert "70" not in alone and alone.endswith(RETRACT)   # its words before the figure were shown; taken back


def test_the_first_sentence_shows_word_by_word_until_it_names_a_product(dresses):
    """First words come before the first sentence ends; from where it names a product (here by its
    only-green colour) the rest is held until the whole sentence is checked against its facts."""
    green = next(p for p in dresses if "green" in p.colors)
    answer = f"Yes, a light summer look works well with the green one in {green.material[0]}. It breathes."
    stream = answer_stream(Replay(answer), "would the green one work?", dresses, "en")()
    first = next(stream)
    assert answer.startswith(first) and len(first) < len("Yes, a light summer look works well with")
    rest = list(stream)
    assert first + "".join(rest) == answer
    named = next(piece for piece in rest if "green" in piece)
    assert named.endswith(f"{green.material[0]}.")   # held from the naming to the sentence's end, then shown


def test_a_choice_among_the_list_is_held_whole_and_never_taken_back_mid_word(dresses):
    """Asked "which of these suits me?", the bundled model began 'The product you are looking for is
    a "Relaxed' and the sentence then failed the check: streamed, its words were shown and taken back.
    Held whole, the shopper gets only what would let the shop answer."""
    wrong = next(p for p in dresses if "cotton" not in p.material)
    answer = f'The product you are looking for is a "Relaxed" {wrong.title}, made of cotton.'
    assert contradicts_facts(answer, dresses)
    streamed = "".join(answer_stream(Replay(answer), "which of these suits me?", dresses, "en")())
    held = "".join(answer_stream(Replay(answer), "which of these suits me?", dresses, "en", hold_first=True)())
    assert streamed.endswith(RETRACT) and "Relaxed" in streamed
    assert held == SORRY


def test_a_label_read_off_the_instructions_before_a_later_sentence_is_dropped_not_shown():
    """The bundled model answered "Go for a relaxed fit if you are a bit chubby.\\nReason: A relaxed fit is ..."."""
    said = "".join(answer_stream(Replay("Go for a relaxed fit.\nReason: A relaxed fit skims the body."),
                                 "slim or relaxed fit if I am a bit chubby?", (), "en")())
    assert "Reason" not in said and "Go for a relaxed fit." in said and "A relaxed fit skims the body." in said


def test_a_general_question_whose_answer_failed_the_checks_offers_what_the_shop_can_do():
    """"what should I wear to a beach wedding?" got "please ask again in a moment", and asked again the model read
    its instructions back again."""
    echo = "A clear recommendation: You should not wear black or brown shoes with grey trousers."
    said = "".join(answer_stream(Replay(echo), "black or brown shoes with grey trousers?", (), "en")())
    assert said == say("advice_unsure", "en") and "again" not in said


def test_a_first_sentence_under_a_label_of_the_instructions_words_is_not_shown():
    """In the browser, "is it better for a wedding or for the office?" with no product in view was answered
    'The recommendation is: "For the office, it is better for a wedding."'."""
    answer = 'The recommendation is: "For the office, it is better for a wedding." The reason is: it is not listed.'
    said = "".join(answer_stream(Replay(answer), "is it better for a wedding or for the office?", (), "en")())
    assert said == say("advice_unsure", "en")
