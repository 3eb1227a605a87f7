"""What a question choosing among the shown list asks ("which of these is the warmest?", "the
cheaper of the two", "which of them comes in XL?"), read once with the turn.

A choice ranks by a fact (price, warmth, rating) or asks which products have stated values; the
words may take in the whole list ("which of these", "all") rather than the products just talked
about. `assistant.choosing` answers it from the catalog's facts.
"""

from __future__ import annotations

from assistant.understanding.facts import asked_orders, chooses_among, ranks_among
from assistant.understanding.lexicon import Lexicon
from assistant.understanding.model import Choice, Understanding
from assistant.understanding.tokens import Tokens, term_tokens, tokenize

# Words asking what weather a garment is for, and which.
WEATHER_WORDS: dict[str, str] = {
    "summer": "hot", "summery": "hot", "hot": "hot", "heat": "hot", "heatwave": "hot", "humid": "hot",
    "tropical": "hot", "warm weather": "hot", "sunny": "hot",
    "winter": "cold", "wintry": "cold", "cold": "cold", "snow": "cold", "snowy": "cold", "freezing": "cold",
    "chilly": "cold", "warm enough": "cold", "keep me warm": "cold",
    # a worry that it is too much or too little for the weather ("is it too warm for july?")
    "too warm": "hot", "too hot": "hot", "too thick": "hot", "too heavy": "hot", "too thin": "cold", "too cold": "cold",
    "夏天": "hot", "夏季": "hot", "夏日": "hot", "炎热": "hot", "天热": "hot", "热天": "hot",
    "冬天": "cold", "冬季": "cold", "寒冷": "cold", "天冷": "cold", "冷天": "cold", "保暖": "cold",
    "太热": "hot", "太厚": "hot", "太薄": "cold", "不够暖": "cold",
}
_WEATHER = Lexicon(terms={term_tokens(w): (("weather", v),) for w, v in WEATHER_WORDS.items()},
                   longest=max(len(term_tokens(w)) for w in WEATHER_WORDS))
# Stated values a product can be chosen by; the garment type and the wearer only say what the list already is.
CHOOSABLE_SLOTS = ("size", "color", "material", "occasion", "pattern", "fit", "sleeve")
# A question about cold weather picks the warmest; about hot weather, the coolest.
WEATHER_ORDER = {"cold": "high", "hot": "low"}
# Words that take in the whole list shown, not only the products just talked about (Chinese a character at a time).
WHOLE_LIST = frozenset({"all", "these", "here", "全", "所", "些"})


def asked_weather(text: str) -> str | None:
    """"hot" or "cold" when the words ask about one kind of weather, else None."""
    found = {m.value for m in _WEATHER.find([t.text for t in tokenize(text) if not t.is_punct])}
    return found.pop() if len(found) == 1 else None


def asked_choice(text: str, u: Understanding) -> Choice | None:
    """The choice the words ask for among the shown list, if they ask one. Values are what a product
    should have only where they describe no product: beside a word to rank by ("which is cheaper, the
    black or the grey one?") only an occasion counts, and none where the words point at products
    ("which one is bigger, that or the brown one?")."""
    weather = asked_weather(text)
    ranks = asked_orders(text) or ((("warmth", WEATHER_ORDER[weather]),) if weather else ())
    stated = u.stated.values
    if ranks and ranks_among(text):
        return Choice(ranks, tuple(("occasion", v) for v in stated.get("occasion", ())))
    describes = bool(u.pointed or u.ambiguous or u.unmatched)
    wanted = tuple((slot, v) for slot in CHOOSABLE_SLOTS for v in stated.get(slot, ()))
    # "which of these goes best with a grey suit?": the grey is the suit's, which the shopper wears with one of them
    return Choice(wanted=wanted) if wanted and not describes and not u.pieces and chooses_among(text) else None


def takes_whole_list(tokens: Tokens) -> bool:
    """Whether the words take in the whole list shown ("which of these", "all")."""
    return not WHOLE_LIST.isdisjoint(token.text for token in tokens.tokens)
