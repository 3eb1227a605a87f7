"""The LLM inside the dialogue: the real embedded llama.cpp model, a real tiny timeout, a
backend that raises, and the grounding of anything the model says."""

from __future__ import annotations

import threading
import time

import pytest

from assistant.bounded import BoundedWorker
from assistant.llm import LLMError, make_backend
from assistant.manager import Assistant
from assistant.phrasing import Facts, Phraser, first_sentence, grounded
from assistant.understanding import INTENTS, Understander
from assistant.understanding.llm_extract import LLMExtractor, parse_proposal

pytestmark = pytest.mark.alone   # a late model is given up on in time

# No product, no attribute, no command: a turn the LLM may be asked about.
UNSURE = "hmm, what would you suggest?"


@pytest.fixture(scope="module")
def llama():
    backend = make_backend("llama_cpp")
    backend.load()
    return backend


@pytest.fixture(scope="module")
def with_llm(demo_catalog, llama):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog, llama), llm=llama)


@pytest.fixture(scope="module")
def rules_only(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog))


class Raising:
    """A configured backend that fails every call, as a dead server would."""

    name = "raising"

    def __init__(self, error: Exception):
        self.error = error

    def complete(self, *args, **kwargs):
        raise self.error

    def stream(self, *args, **kwargs):
        raise self.error


CONVERSATION = [
    "hi! I need a navy linen shirt for a summer wedding, size L, under $60, nothing slim-fit",
    "something cheaper, in white",
    UNSURE,
    "tell me about the second one",
    "我想看看黑色的连衣裙，200元以内",
    "第一件加入购物车",
    "what's in my cart?",
]


def test_a_conversation_with_the_real_llm_matches_the_grounded_rules(with_llm, rules_only):
    llm_session, rules_session = with_llm.session(), rules_only.session()
    for message in CONVERSATION:
        # the rules alone first: the models both assistants share load on the first turn, not in the timed one
        expected = rules_session.handle(message)
        started = time.perf_counter()
        turn = llm_session.handle(message)
        elapsed = time.perf_counter() - started
        assert turn.understanding.intent in INTENTS and turn.text
        # the LLM gets its budget at most, however slow the machine; the rest is rules and search
        assert elapsed < with_llm.understander.extractor.timeout + 1.0, f"{message!r} took {elapsed:.1f}s"
        # whatever the model said, the request holds only what the shopper's words support
        assert turn.state.request == expected.state.request, message
        for product in turn.products:
            assert product.title in turn.text
    assert llm_session.state.cart and llm_session.state.lang == "en"


def test_the_extractor_answers_within_its_budget(llama):
    extractor = LLMExtractor(llama)
    started = time.perf_counter()
    proposal = extractor.extract("can you show me that one on me")
    assert time.perf_counter() - started < extractor.timeout + 0.3
    assert proposal is None or proposal.intent in (None, *INTENTS)


def test_a_bounded_call_is_waited_for_at_most_its_budget_and_never_queued():
    worker, release = BoundedWorker("test"), threading.Event()
    started = time.perf_counter()
    assert worker.run(lambda: release.wait(5), timeout=0.05) == (None, "late")
    assert worker.run(lambda: "second", timeout=1) == (None, "busy")   # the first is still running
    assert time.perf_counter() - started < 0.5
    release.set()
    time.sleep(0.05)
    assert worker.run(lambda: "third", timeout=1) == ("third", None)


@pytest.mark.parametrize("backend", [
    "tiny-timeout",
    Raising(LLMError("llama_cpp: model busy")),
    Raising(RuntimeError("a backend that breaks the contract")),
])
def test_a_failing_llm_falls_back_to_the_rules(demo_catalog, rules_only, llama, backend, caplog):
    if backend == "tiny-timeout":
        understander = Understander.for_catalog(demo_catalog, llama, llm_timeout=0.001)
    else:
        understander = Understander.for_catalog(demo_catalog, backend)
    session = Assistant(catalog=demo_catalog, understander=understander, llm=llama).session()
    reference = rules_only.session()
    for message in ("navy shirt for work", UNSURE, "the second one, what is it made of?"):
        turn, expected = session.handle(message), reference.handle(message)
        assert turn.understanding.intent == expected.understanding.intent
        assert turn.state.request == expected.state.request and turn.text == expected.text


def test_llm_proposals_are_parsed_from_whatever_comes_back():
    assert parse_proposal('{"intent": "details", "ref": 2}').ref == 2
    cut = parse_proposal('```json\n{"intent": "try_on", "ref": -1, "color": ["bl')
    assert cut.intent == "try_on" and cut.ref == -1 and not cut.values
    broken = parse_proposal('{"intent": "search", "ref": "exclude": {"slot": ["shirt"]}}')
    assert broken.intent == "search" and broken.ref is None
    assert parse_proposal("I am a language model") is None


# ---- the optional reply sentence ------------------------------------------------------------

def test_grounding_drops_sentences_that_add_facts(rules_only, demo_catalog):
    analyzer = rules_only.understander.analyzer
    product = next(p for p in demo_catalog.rows if p.category == "shirt" and p.colors == ("navy",))
    facts = Facts.of([product], [("category", "shirt")])
    assert grounded("Would you like to compare a couple of these?", facts, analyzer, "en")
    assert grounded("Want me to find the same in navy?", facts, analyzer, "en")
    for invented in ("This one is only $20 today!", "It also comes in red.", "Want it in size XL?",
                     "It's made of pure cashmere.", "Zara has similar ones.", "要不要看看红色的？"):
        assert not grounded(invented, facts, analyzer, "en"), invented
    assert grounded("要不要比较一下这几件？", facts, analyzer, "zh")
    assert not grounded("Would you like to compare them?", facts, analyzer, "zh")
    assert first_sentence('"Shall I show more? Or compare?"') == "Shall I show more?"


def test_the_real_llm_sentence_is_grounded_or_absent(demo_catalog, llama):
    assistant = Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog, llama), llm=llama)
    assistant.phraser = Phraser(llama, assistant.understander.analyzer)
    session = assistant.session()
    turn = session.handle("black dress for a party")
    pieces = list(turn.stream())
    assert "".join(pieces).startswith(turn.reply.facts)   # the grounded facts stream first
    facts = Facts.of(turn.products, [("category", "dress"), ("color", "black"), ("occasion", "party")])
    if turn.reply.extra is not None:
        assert grounded(turn.reply.extra, facts, assistant.understander.analyzer, "en")
    assert turn.text == turn.reply.facts + (f"\n{turn.reply.extra}" if turn.reply.extra else "")
