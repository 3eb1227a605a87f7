"""Sound-alikes of the shop's words read again: real espeak-ng phonemes, the demo shop's words and titles, the
understanding's own sentences. The sentences here were written for these tests."""

from __future__ import annotations

import pytest

from assistant.understanding.paraphrases import shopper_sentences
from speech import Recognizer, ShopVocabulary
from speech.phonemes import Pronouncer, sound_distance
from speech.sound_alikes import FARTHEST, SoundAlikes


@pytest.fixture(scope="module")
def shop_words():
    from catalog.demo.shop import open_demo_catalog

    return ShopVocabulary.for_catalog(open_demo_catalog())


@pytest.fixture(scope="module")
def sound_alikes(shop_words):
    return SoundAlikes.learn(shop_words.slots, (*shop_words.titles, *shopper_sentences("en")), Pronouncer())


def test_words_that_sound_alike_are_near_and_others_far():
    sounds = Pronouncer().sounds(["genes", "jeans", "card", "cart", "coat", "trussers", "trousers", "nice", "knits"])
    assert sound_distance(sounds["genes"], sounds["jeans"]) == 0
    assert sound_distance(sounds["card"], sounds["cart"]) < sound_distance(sounds["card"], sounds["coat"])
    assert sound_distance(sounds["trussers"], sounds["trousers"]) <= FARTHEST
    assert sound_distance(sounds["nice"], sounds["knits"]) > FARTHEST


@pytest.mark.parametrize("heard, meant", [
    ("put the second one in my card", "put the second one in my cart"),
    ("Move the blue one to my card, please.", "Move the blue one to my cart, please."),
    ("show me some genes in black", "show me some jeans in black"),
    ("a great cashmere cardigan", "a grey cashmere cardigan"),
    ("I need work trussers", "I need work trousers"),
    ("something in lenin for the summer", "something in linen for the summer"),
    ("Genes for women, in access", "Jeans for women, in XS"),
])
def test_a_shop_word_heard_as_its_sound_alike_is_read_again(sound_alikes, heard, meant):
    assert sound_alikes.correct(heard) == meant


@pytest.mark.parametrize("said", [
    "can I pay by card?", "do you take credit card", "looks great, thanks", "those look nice",
    "it's a gift for my wife", "I'll take two of those", "what's the price of the third one",
    "these are too tight", "is it made of wool", "I'm looking for a coat for the winter",
])
def test_everyday_words_are_left_as_heard(sound_alikes, said):
    assert sound_alikes.correct(said) == said


def test_the_recogniser_reads_sound_alikes_only_with_the_shops_words_and_espeak(shop_words, monkeypatch):
    assert Recognizer(words=shop_words)._sound_alikes is not None
    assert Recognizer()._sound_alikes is None
    monkeypatch.setattr("speech.recognizer.Pronouncer", lambda: Pronouncer("no-such-espeak"))
    assert Recognizer(words=shop_words)._sound_alikes is None


def test_a_failing_espeak_leaves_the_words_as_decoded(shop_words, monkeypatch):
    """espeak-ng that hangs or fails costs the correction, not the voice message."""
    from speech.recognizer import Transcript

    recognizer = Recognizer(words=shop_words)
    heard = Transcript("put it in my card", "en", 1.0, 0.0)
    assert recognizer._read_again(heard, recognizer._sound_alikes) == "put it in my cart"
    learnt = recognizer._sound_alikes
    broken = SoundAlikes(learnt.language, Pronouncer("false"), learnt.shop_sounds)
    assert recognizer._read_again(heard, broken) == "put it in my card"
