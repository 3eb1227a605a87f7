"""Arbitrary text never breaks understanding, and every value it returns is canonical."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.slots import SearchRequest
from assistant.state import DialogueState, apply_understanding
from assistant.understanding import INTENTS, Understander
from assistant.understanding.lexicon import Lexicon
from assistant.understanding.llm_extract import parse_proposal
from assistant.understanding.context import Context
from catalog.synonyms import SYNONYMS
from catalog.vocabulary import SIZES, SLOT_VALUES

UNDERSTANDER = Understander(Lexicon.build())
WORDS = sorted({w for table in SYNONYMS.values() for w in table} | {v for vals in SLOT_VALUES.values() for v in vals}
               | {"no", "not", "不要", "under", "$", "50", "the second one", "#3", "第一件", "cheaper", "start over",
                  "size", "L码", "and", "or", ",", "?", "too", "any colour"})
CTX = st.builds(
    Context,
    request=st.just(SearchRequest(category="shirt", color=("navy",), max_price=60.0)),
    last_ref=st.one_of(st.none(), st.just(-1), st.integers(1, 6)),   # positions as said: 1-based, -1 = last
    last_action=st.sampled_from([None, "try_on", "details", "compare", "add_to_cart"]),
    shown_count=st.integers(0, 8),
)


def _check(u) -> None:
    assert u.intent in INTENTS
    for slot, values in u.changes.values.items():
        allowed = SIZES if slot == "size" else SLOT_VALUES[slot]
        assert values and all(v in allowed for v in values), (slot, values)
    for slot, values in u.changes.exclude.items():
        assert all(v in SLOT_VALUES[slot] for v in values), (slot, values)
    for price in (u.changes.min_price, u.changes.max_price):
        assert price is None or price > 0
    assert all(isinstance(r, int) and r != 0 for r in u.refs)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=200), CTX)
def test_any_unicode_is_understood(text, ctx):
    u = UNDERSTANDER.understand(text, ctx)
    _check(u)
    state = apply_understanding(DialogueState(request=ctx.request), u)
    canonical = state.request.to_canonical()
    assert SearchRequest.from_canonical(canonical).to_canonical() == canonical


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), CTX)
def test_vocabulary_soup_stays_canonical(words, ctx):
    _check(UNDERSTANDER.understand(" ".join(words), ctx))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_llm_garbage_never_raises(raw):
    proposal = parse_proposal(raw)
    assert proposal is None or proposal.intent in (None, *INTENTS)
