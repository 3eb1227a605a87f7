"""Checks on a small model's advice sentence before a shopper reads it.

The model is given the products' facts and told to use only those; it still reads its
instructions back ("A clear recommendation: ...") or gives a named product another's fabric
("the green one is a cotton dress" of a linen dress), or makes up figures ("linen has a lower
temperature of 70°F"). A sentence is checked against the instructions it was given, the facts
of the product it names and the figures it was given; what fails is not shown.

Those checks can only fire once a sentence names a product or states a figure
(`may_misquote`), so the words before that may be shown as they come.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from catalog.schema import Product
from catalog.vocabulary import COLORS, MATERIALS, canonical_value

# The first characters of an answer that must read as words.
PROSE_CHECK_CHARS = 12
PROSE_SHARE = 0.8
# this many words in a row at an answer's start, copied from the instructions, are the
# instructions read back, not an answer
ECHO_WORDS = 3
_WORD = re.compile(r"[a-z0-9'-]+")
# "#2", "number 2", "no. 2", "option 2", "product 2": a product named by its place in the list
_BY_NUMBER = re.compile(r"(?:#|\bnumber\s+|\bno\.?\s*|\boption\s+|\bproduct\s+)([1-9])\b")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?")
# a colour names a product when "one" follows it within this many words ("the green striped one")
ONE = "one"
COLOUR_TO_ONE = 2


# a label the model writes before a sentence, taken from its instructions ("Reason: ..."): up to five words and a
# colon, at least one of them an instruction's word of LABEL_WORD_CHARS letters or more. Before the first, it is
# the instructions read back ("A clear recommendation: ...", "The recommendation is: ..."), and what followed was
# mostly confused
LABEL = re.compile(r"^(\s*)((?:[A-Za-z]+\s+){0,4}[A-Za-z]+)\s*:[ \t]*")
LABEL_WORD_CHARS = 4


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def label_words(instructions: str) -> frozenset[str]:
    """The instructions' words a label may be taken from (`unlabelled`), read once per answer."""
    return frozenset(w for w in _words(instructions) if len(w) >= LABEL_WORD_CHARS)


def unlabelled(text: str, taken: frozenset[str]) -> str:
    """`text` (a later sentence's start) without a label made of the instructions' words (`label_words`) before
    it; the whitespace before the label stays. Dropped, not refused: the sentence after it was the reason asked for."""
    label = LABEL.match(text)
    if label is None or taken.isdisjoint(_words(label.group(2))):
        return text
    return label.group(1) + text[label.end():]


def looks_like_prose(text: str) -> bool:
    """An answer starts as words, not as JSON, code or symbols (a confused model's output)."""
    head = text.strip()[:PROSE_CHECK_CHARS]
    if not head or head[0] in "{[<`#|\\" or "{" in head or "```" in head:
        return False
    wordy = sum(ch.isalpha() or ch.isspace() or ch in ",.'!?-，。！？" for ch in head)
    return wordy / len(head) >= PROSE_SHARE


def opening_known(text: str) -> bool:
    """Whether enough of an answer has come to judge its opening: the prose check's characters
    and, written in words, a word past the echo check's (so its last word is whole)."""
    words = _words(text)
    return len(text.strip()) >= PROSE_CHECK_CHARS and (len(words) > ECHO_WORDS or not words)


def echoes_instructions(answer: str, instructions: str) -> bool:
    """Whether the answer opens with a run of words taken from its own instructions."""
    opening = _words(answer)[:ECHO_WORDS]
    return len(opening) == ECHO_WORDS and f" {' '.join(opening)} " in f" {' '.join(_words(instructions))} "


def _named(sentence: str, products: Sequence[Product], unfinished: bool = False) -> list[int]:
    """Indexes of the listed products a sentence names: by number, by title, or by a colour only
    one of them comes in, said of a product ("the green one", "the green striped one"; in an `unfinished`
    sentence, any such colour: "one" may follow). A colour said as a claim names none: "the Red Striped Wool
    Sweater, which is white/teal/black" named the three colours' product too, and the misquote passed as a
    sentence about two products."""
    text = sentence.lower()
    named = {int(n) - 1 for n in _BY_NUMBER.findall(text) if int(n) <= len(products)}
    named |= {i for i, p in enumerate(products) if p.title.lower() in text}
    words = _words(text)
    for k, word in enumerate(words):
        color = canonical_value("color", word)
        having = [i for i, p in enumerate(products) if color and color in p.colors]
        if len(having) == 1 and (unfinished or ONE in words[k + 1:k + 1 + COLOUR_TO_ONE]):
            named.add(having[0])
    return sorted(named)


def contradicts_facts(sentence: str, products: Sequence[Product], question: str = "") -> bool:
    """Whether a sentence that names exactly one listed product gives it a material or colour its
    facts do not have, or another listed product's brand and not its own ("the navy floral dress
    from Atelier Mora" for Copper Lane's); naming several, a claim cannot be told apart between
    them; what the shopper's question named, the answer may weigh against it."""
    named = _named(sentence, products)
    if len(named) != 1:
        return False
    product = products[named[0]]
    if _brand_of_another(sentence.lower(), product, products):
        return True
    asked = set(_words(question))
    for word in _words(sentence):
        if word in asked:
            continue
        material = canonical_value("material", word)
        if material in MATERIALS and material not in product.material:
            return True
        color = canonical_value("color", word)
        if color in COLORS and color not in product.colors and any(color in p.colors for p in products):
            return True
    return False


def _brand_of_another(text: str, product: Product, products: Sequence[Product]) -> bool:
    own = (product.brand or "").lower()
    others = {p.brand.lower() for p in products if p.brand and p.brand.lower() != own}
    return any(brand in text for brand in others) and not (own and own in text)


def may_misquote(text: str, products: Sequence[Product]) -> bool:
    """Whether a sentence, as far as it has come, could still fail `contradicts_facts` or
    `invents_figures` when it ends: it names a listed product or states a figure. Until it
    does, its words are safe to show."""
    return bool(_FIGURE.search(text)) or bool(_named(text, products, unfinished=True))


def invents_figures(sentence: str, given: str, listed: int) -> bool:
    """Whether a sentence states a figure found nowhere in what the model was given (`given`: the
    shopper's question and the products' facts), other than a place in the list of `listed`
    products: the facts hold no measurements, so a temperature, a percentage or a weight in the
    answer was made up."""
    known = set(_FIGURE.findall(given))
    return any(f not in known and not (f.isdigit() and 1 <= int(f) <= listed) for f in _FIGURE.findall(sentence))
