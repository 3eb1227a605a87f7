"""Whether a product suits the weather or an occasion is answered from its catalog facts.

The bundled model, asked in the browser about the demo shop's sleeveless silk dress, said "It is
not ok for a summer wedding" and "it is warm enough for winter". These tests run the real demo
catalog and the real understanding; the first ones with the LLM switched off, so what answers
can only be the facts.
"""

from __future__ import annotations


import pytest

from assistant.llm.openai_backend import OpenAIBackend
from assistant.manager import ADVICE_FIRST_S, Assistant
from assistant.phrasebook import say
from assistant.suitability import asked_weather, verdict, warmth
from assistant.understanding import Understander
from assistant.understanding.context import Context
from catalog.schema import Product
from tests.local_http import serving, streaming_model

READER = Understander()
# A question asking us to choose among the list is answered over it (advice) or with a pick that asks what it is for
# (decide), never with "which one do you mean?"
LIST_ANSWERS = ("advice", "decide")

SILK_DRESS = Product(id="a", title="Silk Sleeveless Dress", category="dress", material=("silk",),
                     sleeve="sleeveless", occasion=("everyday",))
WOOL_SWEATER = Product(id="b", title="Wool Sweater", category="sweater", material=("wool",), sleeve="long",
                       occasion=("work", "everyday"))
COTTON_SHIRT = Product(id="c", title="Cotton Shirt", category="shirt", material=("cotton",), sleeve="long")


def _verdict(product, text, lang):
    """The verdict on `product` for the words as understanding reads them (pieces, occasions)."""
    return verdict(product, READER.read(text, Context())[1], text, lang)


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant.create(llm="none")


def _the_silk_dress(session):
    """Search the demo shop for blue dresses and look at the silk one, as the shopper did."""
    found = session.handle("a blue dress")
    place = next(i for i, p in enumerate(found.products, 1) if "silk" in p.material and p.sleeve == "sleeveless")
    return session.handle(f"tell me about number {place}")


@pytest.mark.parametrize("question,weather", [
    ("is it ok for a summer wedding?", "hot"), ("is it warm enough for winter?", "cold"),
    ("will I be too hot in it on a humid day?", "hot"), ("适合冬天穿吗？", "cold"),
    ("is it ok for a wedding?", None), ("is it good for hot and cold days?", None),
    # a worry that it is too much or too little ("is it too warm for july?" was left to the model, which was busy)
    ("is it too warm for july?", "hot"), ("would it be too thin for october?", "cold"), ("会不会太厚？", "hot")])
def test_the_weather_asked_about_is_read_from_the_words(question, weather):
    assert asked_weather(question) == weather


def test_fabric_sleeves_and_kind_say_how_warm_a_garment_wears():
    assert warmth(SILK_DRESS) < 0 < warmth(WOOL_SWEATER)
    assert warmth(Product(id="d", title="Plain Dress", category="dress")) is None  # no fact says


def test_what_the_facts_do_not_settle_is_left_to_thestreaming_model():
    assert _verdict(COTTON_SHIRT, "is it ok for summer?", "en") == ()     # cotton with long sleeves: neither
    assert _verdict(COTTON_SHIRT, "is it ok for a wedding?", "en") == ()  # no occasions listed
    assert _verdict(SILK_DRESS, "does it look good on tall people?", "en") == ()


def test_a_sleeveless_silk_dress_suits_summer_not_winter_and_says_what_the_shop_lists_it_for(assistant):
    session = assistant.session()
    _the_silk_dress(session)
    summer = session.handle("is it ok for a summer wedding?")
    assert summer.action.kind == "advice"
    assert "Good for hot weather" in summer.text and "silk" in summer.text and "sleeveless" in summer.text
    assert "isn't listed as wedding wear" in summer.text and "everyday" in summer.text
    winter = session.handle("is it warm enough for winter?")
    assert "Not warm enough on its own for cold weather" in winter.text, winter.text


def test_a_wool_sweater_is_warm_for_winter_too_warm_for_summer_and_listed_for_work():
    assert _verdict(WOOL_SWEATER, "is it warm enough for winter?", "en") == (
        "Good for cold weather: wool, long sleeves — it keeps you warm.",)
    assert _verdict(WOOL_SWEATER, "ok for a summer evening?", "en")[0].startswith("On the warm side for hot weather")
    assert _verdict(WOOL_SWEATER, "can I wear it to the office?", "zh") == ("店里把它列为上班和日常穿着。",)
    assert _verdict(WOOL_SWEATER, "can I wear it to a party?", "en") == (
        "It isn't listed as party wear: the shop lists it as work and everyday wear.",)


CASUAL_TEE = Product(id="e", title="Black Tee", category="t-shirt", style=("casual", "sporty"))
FORMAL_SHIRT = Product(id="f", title="Striped Shirt", category="shirt", style=("formal",))


def test_a_piece_worn_with_it_keeps_the_look_or_dresses_it_up_or_down_never_rules_it_out():
    """The bundled model answered "No, you cannot wear it with sneakers" of a casual T-shirt."""
    assert _verdict(CASUAL_TEE, "can I wear it with sneakers?", "en") == (
        "Yes — it's casual and sporty, and it goes well with sneakers.",)
    assert "dressed up" in _verdict(CASUAL_TEE, "would it look good with a blazer?", "en")[0]
    assert "dressed down" in _verdict(FORMAL_SHIRT, "is it fine with sneakers?", "en")[0]
    assert _verdict(CASUAL_TEE, "能配运动鞋吗？", "zh")[0].startswith("可以")
    assert _verdict(CASUAL_TEE, "sneakers or boots?", "en") == ()          # two pieces: the model weighs them
    assert _verdict(COTTON_SHIRT, "can I wear it with sneakers?", "en") == ()  # no style listed
    # asked "would the first one work with grey trousers?" of a white tee, the model said it "does not work"
    assert "dressed up" in _verdict(CASUAL_TEE, "would it work with grey trousers?", "en")[0]


def test_asked_about_sneakers_with_a_shown_t_shirt_the_answer_is_its_styles_not_a_no(assistant):
    session = assistant.session()
    session.handle("show me t-shirts")
    session.handle("tell me about the second one")
    turn = session.handle("can I wear it with sneakers?")
    assert turn.action.kind == "advice" and turn.text.split("\n")[-1].startswith("Yes")


def test_the_pieces_asked_about_are_a_fact_of_the_turn_read_once():
    from assistant.suitability import asked_piece
    from assistant.understanding.model import Piece

    turn = READER.read("would it look good with a hoodie?", Context())[1]
    assert turn.pieces == (Piece("hoodie", "a hoodie", category="hoodie", paired=True),)
    assert asked_piece(turn, CASUAL_TEE) == Piece("hoodie", "a hoodie", category="hoodie", paired=True)
    assert asked_piece(READER.read("can I wear this t-shirt with jeans?", Context())[1], CASUAL_TEE).name == "jeans"
    assert READER.read("能配运动鞋吗？", Context())[1].pieces == (Piece("运动鞋", "运动鞋", paired=True),)
    assert READER.read("能配运动鞋吗？", Context())[1].stated.values == {}     # "运动鞋" says no sport
    assert READER.read("is a skirt good for a wedding?", Context())[1].pieces == ()   # asks about skirts
    # "suit" said as a verb is no suit to wear with it: "does it suit me?" was answered "with suit it's dressed up"
    assert READER.read("does the second one suit me for a beach wedding?", Context())[1].pieces == ()
    assert READER.read("would it look good with a suit?", Context())[1].pieces == (Piece("suit", "a suit", paired=True),)
    # ...nor after a modal: "which of these would suit a wedding?" was answered "it goes well with suit"
    assert READER.read("which of these would suit a wedding?", Context())[1].pieces == ()


@pytest.mark.parametrize("words, occasion", [
    ("would it work with heels?", None), ("does it run small?", None), ("will it work for a wedding?", "wedding"),
    ("is it good for work?", "work"), ("something I can wear to work", "work"), ("a jacket to run in", "sport"),
    ("which of these skirts would work with my boots?", None)])
def test_a_value_said_as_a_verb_of_the_garment_is_no_occasion(words, occasion):
    assert READER.read(words, Context())[1].stated.values.get("occasion", (None,))[0] == occasion


@pytest.mark.parametrize("words", ["能配运动鞋吗？", "搭配高跟鞋好看吗？", "这件能穿靴子吗", "would it work with heels?",
                                   "what about with a hoodie?", "sneakers ok?"])
def test_a_piece_asked_about_after_a_details_turn_is_answered_from_the_product_in_focus(assistant, words):
    """"能配运动鞋吗？" had no pronoun, so it was tied to no product and went to the (absent) model;
    "would it work with heels?" read "work" as the occasion asked for."""
    session = assistant.session()
    session.handle("show me t-shirts")
    told = session.handle("tell me about the second one")
    turn = session.handle(words)
    assert turn.action.kind == "advice" and turn.products == told.products, (turn.understanding, turn.text)
    verdict_line = turn.text.split("\n")[-1]
    assert verdict_line.startswith(("Yes", "可以")) and "work wear" not in turn.text, turn.text


def test_it_after_what_goes_with_it_is_still_the_product_the_outfit_was_for(assistant):
    """In the browser, after "what goes with it?" put trousers on screen, "is it better for a wedding or
    for the office?" reached the model with no product at all, which answered "For the office, it is
    better for a wedding". "It" is the top the trousers go with, named before and now off the list."""
    session = assistant.session()
    session.handle("show me black t-shirts")
    told = session.handle("tell me about the second one")
    outfit = session.handle("what goes with it?")
    assert outfit.action.kind == "outfit" and told.products[0] not in outfit.products
    turn = session.handle("is it better for a wedding or for the office?")
    assert turn.action.kind == "advice" and turn.products == told.products[:1], (turn.understanding, turn.text)
    assert told.products[0].title in turn.text and "wedding" in turn.text, turn.text
    session.handle("more")   # a further page of the same pieces: still for the same top
    assert session.handle("is it ok for a wedding?").products == told.products[:1]
    session.handle("now show me black jeans")   # another list: the top is no longer what "it" means
    assert told.products[0] not in session.handle("is it ok for a wedding?").products


def test_which_of_these_suits_me_is_advice_over_the_list_not_a_suit(assistant):
    # "suits" before "me" is a verb: it was taken for a description of suits none of the list fits,
    # and the shopper was asked "which one do you mean?"
    assert READER.read("which of these suits me", Context())[1].pieces == ()
    session = assistant.session()
    session.handle("show me t-shirts")
    # asked to choose, we answer over the list (advice), or pick, asking what it is for (decide)
    assert session.handle("which of these suits me").action.kind in LIST_ANSWERS
    assert session.handle("which of these suits me best?").action.kind in LIST_ANSWERS


@pytest.mark.parametrize("search, question", [
    ("show me black jeans", "which would look best on me?"),
    ("show me linen shirts", "which one should I buy?"),
    ("a dress for a summer wedding", "which of them could I wear to the ceremony?"),
])
def test_a_which_question_over_a_list_is_advice_whatever_act_it_reads_as(assistant, search, question):
    # "look best on me" reads as a try-on, "buy" as an add: with none named, the shopper was asked back
    # "which one do you mean?", when they asked us to choose; asked to pick ("which should I buy?"), we pick
    session = assistant.session()
    session.handle(search)
    turn = session.handle(question)
    assert turn.action.kind in LIST_ANSWERS and turn.state.cart == (), (turn.understanding, turn.action)
    if turn.action.kind == "advice":   # words that name none still ask back; after a pick, "it" is the pick
        assert session.handle("try it on").action.kind == "which_product"


def _settled_lines(text: str, count: int) -> list[str]:
    return [line for line in text.split("\n") if line.startswith("#") and int(line[1:].split()[0]) <= count]


def test_a_list_question_the_facts_settle_is_answered_per_product_with_the_model_off(assistant):
    session = assistant.session()
    session.handle("show me t-shirts")
    shown = len(session.state.shown)
    turn = session.handle("which of these can I wear with sneakers?")
    assert turn.action.kind == "advice"
    lines = _settled_lines(turn.text, shown)
    assert len(lines) >= 2 and all("sneakers" in line for line in lines), turn.text


def _asked_of_a_list(catalog, model, search: str, question: str):
    """The session, the turn answering `question` about the list `search` showed and its text, read
    while the advice model served by `model` (a local HTTP endpoint) is up."""
    with serving(model) as url:
        backed = Assistant(catalog=catalog, understander=Understander.for_catalog(catalog),
                           catalog_label="demo", llm=OpenAIBackend(url + "/v1", "test", retries=0))
        session = backed.session()
        session.handle(search)
        turn = session.handle(question)
        return session, turn, turn.text


@pytest.mark.parametrize("delay_s, content", [
    (ADVICE_FIRST_S + 2, "They all go well with sneakers."),   # late
    (0.0, "}} ]] {{ :: ]]"),                                   # nonsense
])
def test_a_late_or_nonsense_model_gives_way_to_what_the_facts_settle(demo_catalog, delay_s, content):
    session, turn, text = _asked_of_a_list(demo_catalog, streaming_model(delay_s, content), "show me t-shirts",
                                           "which of these can I wear with sneakers?")
    assert turn.action.kind == "advice"
    assert "couldn't put a good answer together" not in text
    assert len(_settled_lines(text, len(session.state.shown))) >= 2, text


@pytest.mark.parametrize("delay_s, content", [
    (ADVICE_FIRST_S + 2, "The first one suits you best."),   # late
    (0.0, "}} ]] {{ :: ]]"),                                 # nonsense
])
def test_a_list_question_the_facts_leave_open_asks_what_would_settle_it(demo_catalog, delay_s, content):
    """"Which of these suits me?" with nothing known of the shopper and no model answer: asking
    again would meet the same model, so the reply asks for what would narrow the list."""
    _, turn, text = _asked_of_a_list(demo_catalog, streaming_model(delay_s, content), "show me summer dresses",
                                     "which of these suits me?")
    assert turn.action.kind in LIST_ANSWERS and say("advice_sorry", "en") not in text
    asked = say("advice_narrow", "en") if turn.action.kind == "advice" else "To pick one for you I need to know what it's for"
    assert asked in text, text


class _SaysSearch:
    """A backend whose every answer proposes a search, as the bundled model did for "which of these suits me?"."""

    name = "says-search"

    def stream(self, *args, **kwargs):
        yield '{"intent": "search"}'

    complete = stream


def test_a_second_opinion_of_search_with_nothing_to_search_for_leaves_the_classifiers_act(demo_catalog):
    """Unsure of "which of these suits me?", the classifier asked the model, which said search: the list
    was shown again in place of an answer. A search needs something to search for; with no change the
    message supports, the classifier's act stands."""
    understander = Understander.for_catalog(demo_catalog, _SaysSearch(), ask_llm_below=1.01)
    session = Assistant(catalog=demo_catalog, understander=understander, catalog_label="demo").session()
    session.handle("show me sleeveless summer dresses")
    assert session.handle("which of these suits me?").action.kind in LIST_ANSWERS
    assert session.handle("in red").understanding.intent in ("search", "refine")


@pytest.mark.parametrize("ask, said", [("适合冬天穿吗？", "适合冷天"), ("七月穿会不会太热？", "热天穿偏暖"),
                                       ("会不会太热", "热天穿偏暖")])
def test_a_chinese_yes_no_question_that_drops_it_is_about_the_product_in_focus(assistant, ask, said):
    """Chinese drops the "it": "适合冬天穿吗？" after a wool cardigan's details got "I don't know the answer", and
    unpunctuated, "会不会太热" got small talk ("anything else?")."""
    session = assistant.session()
    cardigan = session.handle("grey wool cardigan").products[0]
    session.handle("tell me about the first one")
    turn = session.handle(ask)
    assert turn.action.kind == "advice" and turn.action.refs == (1,) and cardigan.title in turn.text, turn.text
    assert said in turn.text, turn.text


def test_a_yes_or_no_about_one_product_that_nothing_settles_gets_its_listing_not_the_models_guess(demo_catalog):
    """"Is it itchy?" of a linen shirt: no fact of the table covers linen and itching and its listing says nothing
    of it, and the bundled model answered "Itchy shirts are not recommended", also asked after a clause that sets it
    up; a yes or no that names what to hold it against (an occasion) is still weighed."""
    with serving(streaming_model(0.0, "Itchy shirts are not recommended.")) as url:
        backed = Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog),
                           catalog_label="demo", llm=OpenAIBackend(url + "/v1", "test", retries=0))
        session = backed.session()
        session.handle("linen shirts")
        session.handle("tell me about the first one")
        for asked in ("is it itchy?", "是不是很扎？", "hmm not sure about this one, is it itchy?"):
            turn = session.handle(asked)
            text = "".join(turn.stream())
            assert turn.action.kind in ("advice", "details") and turn.products[0].material == ("linen",), text
            assert text.startswith(say("listing_only", turn.lang)) and "not recommended" not in text, text
        wedding = session.handle("is it good for a wedding?")
        assert not "".join(wedding.stream()).startswith(say("listing_only", "en")), wedding.text
