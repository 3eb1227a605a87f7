"""Each stage of the understanding pipeline alone (tokens, positions, reading, values, act
features, the act decision), then the follow-ups the stages exist for: pointing words are no
filters, another garment starts afresh, the same garment is refined."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.slots import SearchRequest
from assistant.state import DialogueState, apply_understanding
from assistant.understanding import Understander, read_turn, values
from assistant.understanding.act_features import FEATURES, turn_features
from assistant.understanding.acts import ACTS, DIMENSION, ActClassifier
from assistant.understanding.context import Context
from assistant.understanding.embedding_text import embedding_text
from assistant.understanding.positions import find_positions
from assistant.understanding.tokens import fold, is_cjk

UNDERSTANDER = Understander()
READER = UNDERSTANDER.analyzer
SHIRTS = Context(
    request=SearchRequest(category="shirt"), shown_count=3,
    shown_tags=(
        frozenset({("category", "shirt"), ("color", "black"), ("material", "linen")}),
        frozenset({("category", "shirt"), ("color", "navy"), ("material", "cotton")}),
        frozenset({("category", "shirt"), ("color", "white"), ("material", "cotton")}),
    ),
)
DRESSES = Context(
    request=SearchRequest(category="dress"), shown_count=3,
    shown_tags=tuple(frozenset({("category", "dress"), ("color", c)}) for c in ("red", "green", "beige")),
)


def stated(text: str, ctx: Context = Context()):
    return values.stated(READER.read(text, ctx), READER.category_words)


# -- tokens -------------------------------------------------------------------------

def test_folding_keeps_the_length_so_spans_line_up():
    for text in ("ＸＬ Ｔ恤 “quoted” it’s", "Ⅻ ﬁne", "MAROON Cardigan"):
        assert len(fold(text)) == len(text)


@pytest.mark.parametrize("typo, word", [("jakcet", "jacket"), ("cheeper", "cheaper"), ("shrit", "shirt")])
def test_one_edit_typos_are_corrected_towards_the_vocabulary(typo, word):
    assert READER.normaliser.normalise(f"a {typo} please").words[1] == word


@pytest.mark.parametrize("word", ["sick", "smart", "start", "jackets"])
def test_real_words_are_never_corrected(word):
    assert READER.normaliser.normalise(word).words == (word,)


def test_the_embedding_reads_corrected_words_and_keeps_the_rest_as_typed():
    tokens = READER.read("Size smal, in Blue?").tokens
    assert embedding_text(tokens, READER.lexicon) == "Size small , in Blue ?"


def test_one_script_helper():
    assert is_cjk("要黑色的") and is_cjk("a 裙子") and not is_cjk("a skirt, ｓｍａｌｌ")


# -- positions ----------------------------------------------------------------------

@pytest.mark.parametrize("text, said, bare", [
    ("compare #2 and #4", (2, 4), ()),
    ("the first two", (1, 2), ()),
    ("第一件跟最后一件比哪个好看", (1, -1), ()),
    ("which is better for running, 2 or 5?", (), (2, 5)),
    ("it's for my 2nd anniversary", (), ()),
    ("ok 3 it is", (), (3,)),
    ("what colours does the second come in?", (2,), ()),
    ("how much does the third cost", (3,), ()),
    ("the blouse in the second cubby from the right", (), ()),
    ("the second time I ordered", (), ()),
])
def test_positions_said(text, said, bare):
    positions = find_positions(READER.normaliser.normalise(text), set(), READER.category_words)
    assert (positions.said, positions.bare) == (said, bare)


@pytest.mark.parametrize("text, only", [("and #4?", True), ("ok #3 then", True), ("is #3 linen?", False)])
def test_a_bare_pointer_is_a_pointer_and_filler(text, only):
    assert find_positions(READER.normaliser.normalise(text), set(), READER.category_words).only_pointer is only


# -- reading and values -------------------------------------------------------------

def test_words_describing_a_shown_product_point_and_state_nothing():
    reading = READER.read("the black one", SHIRTS)
    assert reading.pointing.refs == (1,) and not reading.mentions
    assert stated("the black one", SHIRTS).is_empty()
    assert stated("is the linen one see-through?", SHIRTS).is_empty()


def test_the_black_one_among_several_wholly_black_asks_among_those_alone():
    """Among the demo shop's black t-shirts, three all black and three with black in a stripe or print,
    "the black one" asked which of all six was meant."""
    tees = Context(request=SearchRequest(category="t-shirt"), shown_count=6, shown_tags=tuple(
        frozenset({("category", "t-shirt"), *(("color", c) for c in colours)})
        for colours in (("black",), ("black", "burgundy"), ("black", "purple"), ("blue", "black"), ("black",),
                        ("black",))))
    assert READER.read("tell me more about the black one", tees).pointing.ambiguous == (1, 5, 6)
    assert READER.read("the black and burgundy one", tees).pointing.refs == (2,)


def test_a_plural_or_a_new_garment_is_a_request_not_a_pointer():
    assert stated("show me the black shirts", SHIRTS).values["color"] == ("black",)
    assert stated("a black jacket", SHIRTS).values == {"color": ("black",), "category": ("jacket",)}


def test_values_keep_negation_ownership_and_moves_apart():
    changes = stated("a navy linen shirt under $60, nothing slim")
    assert changes.values == {"color": ("navy",), "material": ("linen",), "category": ("shirt",)}
    assert changes.exclude == {"fit": ("slim",)} and changes.max_price == 60
    assert stated("I have grey trousers, I need a shirt").values == {"category": ("shirt",)}
    dropped = stated("forget the slim fit", SHIRTS)
    assert dropped.remove == {"fit": ("slim",)} and "fit" not in dropped.values
    assert stated("a bit cheaper, one size up").price_move == "lower"
    assert stated("a bit cheaper, one size up").size_move == 1


# -- act features and the act ---------------------------------------------------------

def features(text: str, ctx: Context) -> dict[str, float]:
    reading = READER.read(text, ctx)
    return turn_features(reading, read_turn(reading, values.stated(reading, READER.category_words)), ctx)


def test_features_are_named_facts_of_the_turn_never_an_act():
    assert set(FEATURES).isdisjoint(ACTS)
    found = features("put #3 in my cart", SHIRTS)
    assert found["cue_add_strong"] == found["one_position"] == found["products_shown"] == 1.0
    tried = Context(request=SearchRequest(category="coat"), shown_count=6, last_ref=2, last_action="try_on")
    assert features("and #4?", tried)["pointer_after_try_on"] == 1.0
    assert features("and #4?", SHIRTS)["pointer_after_try_on"] == 0.0
    assert features("a red dress", SHIRTS)["new_garment"] == 1.0
    assert features("in red", SHIRTS)["adds_to_request"] == 1.0


def test_a_request_that_names_no_other_garment_refines_the_current_one():
    model = ActClassifier.load()
    row = np.zeros(DIMENSION + len(FEATURES), dtype=np.float32)
    row[DIMENSION + FEATURES.index("has_request")] = 1.0
    search_bias = np.zeros(len(ACTS), dtype=np.float32)
    search_bias[ACTS.index("search")] = 50.0
    forced = ActClassifier(np.zeros_like(model.weights), search_bias, ACTS)
    assert forced.decide(row).act == "refine"
    row[DIMENSION + FEATURES.index("new_garment")] = 1.0
    assert forced.decide(row).act == "search"


def test_the_classifier_decides_with_its_probability_and_source():
    u = UNDERSTANDER.understand("tell me about the second one", SHIRTS)
    assert (u.intent, u.refs, u.source) == ("details", (2,), "learned") and 0.0 < u.confidence <= 1.0


# -- follow-ups -----------------------------------------------------------------------

@pytest.mark.parametrize("text, color", [("有没有黑色的", "black"), ("in blue?", "blue"), ("what about green ones?", "green")])
def test_a_same_garment_follow_up_refines(text, color):
    u = UNDERSTANDER.understand(text, DRESSES)
    assert u.intent == "refine" and u.changes.values.get("color") == (color,)


def test_another_garment_starts_a_fresh_request():
    before = DialogueState(request=SearchRequest(category="shirt", fit="slim", sleeve="long"))
    ctx = Context(request=before.request, shown_count=3, shown_tags=SHIRTS.shown_tags)
    u = UNDERSTANDER.understand("actually, show me skirts instead", ctx)
    assert u.intent == "search"
    assert apply_understanding(before, u).request.to_canonical() == {"category": "skirt"}
