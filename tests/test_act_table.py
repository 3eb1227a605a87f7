"""The one table of acts: every act the understanding can choose has a row and a runner, and an
unsure guess of an act that changes the cart or the session is asked about, not run."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.act_table import ACTS, ActRow, row
from assistant.actions import RUNS, TurnInput, decide
from assistant.manager import Assistant
from assistant.replies import Wording
from assistant.state import apply_understanding
from assistant.understanding import ASK_LLM_BELOW, Understander
from assistant.understanding.acts import ACTS as CLASSIFIED
from assistant.understanding.model import INTENTS, Understanding


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog), catalog_label="demo")


def test_every_act_understanding_chooses_is_a_said_row_and_every_row_runs():
    assert set(CLASSIFIED) | set(INTENTS) <= {kind for kind, act in ACTS.items() if act.said}
    assert {kind for kind, act in ACTS.items() if not act.runs_as} == set(RUNS)
    assert all(row(kind) is ACTS[ACTS[kind].runs_as or kind] for kind in ACTS)


def test_a_row_refuses_an_unknown_effect():
    with pytest.raises(ValueError):
        ActRow(touches="wallet")


@pytest.mark.parametrize("kind", sorted(k for k, act in ACTS.items() if act.said))
def test_only_acts_that_change_nothing_but_the_reply_run_on_a_guess(kind):
    act = ACTS[kind]
    assert act.on_a_guess == (act.touches == "")


def _searched(assistant):
    session = assistant.session()
    session.handle("show me linen shirts")
    assert len(session.state.shown) >= 2
    return session


@pytest.mark.parametrize("lang, words", [("en", "add it"), ("zh", "加入购物车")])
def test_an_unsure_add_asks_naming_the_product_and_fills_no_cart(assistant, lang, words):
    session = _searched(assistant)
    state = replace(session.state, lang=lang)
    guess = Understanding(intent="add_to_cart", refs=(2,), source="learned", confidence=ASK_LLM_BELOW / 2)
    state = apply_understanding(state, guess)
    action = decide(state, guess)
    assert action.kind == "confirm" and action.asked == "add_to_cart"
    state, outcome = RUNS[action.kind].run(session, TurnInput(state, action, guess, ""))
    text = RUNS[action.kind].reply(Wording(action, state, outcome, assistant.catalog, lang, guess))
    second = assistant.catalog.products[state.shown[1].product_id]
    assert second.title in text and "#2" in text and words in text
    assert state.cart == ()


def test_a_sure_add_runs_when_the_words_ask_for_one(assistant):
    session = _searched(assistant)
    sure = Understanding(intent="add_to_cart", refs=(2,), source="learned", confidence=ASK_LLM_BELOW + 0.3, says_add=True)
    assert decide(apply_understanding(session.state, sure), sure).kind == "add_to_cart"
    unsaid = Understanding(intent="add_to_cart", refs=(2,), source="learned", confidence=ASK_LLM_BELOW + 0.3)
    assert decide(apply_understanding(session.state, unsaid), unsaid).kind == "confirm"


def test_an_unsure_reset_keeps_the_request_and_asks(assistant):
    session = _searched(assistant)
    guess = Understanding(intent="reset", source="learned", confidence=ASK_LLM_BELOW / 2)
    state = apply_understanding(session.state, guess)
    assert state.request == session.state.request and state.shown == session.state.shown
    assert decide(state, guess).kind == "confirm"
    sure = replace(guess, confidence=1.0)
    assert apply_understanding(session.state, sure).request.is_empty()


@pytest.mark.parametrize("kind, text, in_cart", [
    ("remove_from_cart", "remove the first one", True),
    ("remove_from_cart", "remove the first one you showed me", False),
    ("add_to_cart", "add the first one", False),
])
def test_positions_count_what_the_row_says_while_the_cart_has_lines(assistant, kind, text, in_cart):
    session = _searched(assistant)
    read = assistant.understander.understand(text, session.state.context())
    sure = replace(read, intent=kind, refs=(1,), source="learned", confidence=1.0)
    assert decide(session.state, sure).within == "shown"   # an empty cart has no lines to count
    session.handle("add the second one to my cart")
    assert decide(session.state, sure).within == ("cart" if in_cart else "shown")
