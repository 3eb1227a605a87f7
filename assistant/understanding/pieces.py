"""Pieces the shopper asks to wear with a product ("can I wear it with sneakers?", "能配运动鞋吗？"),
read once with the turn: `assistant.suitability` weighs them against the product's styles, and a
question naming one is about the product in focus even where no pronoun says so (Chinese drops it).

A piece no shop category names (sneakers, heels, a tie) can only be worn with something; a garment
the shop sells (jeans, a skirt) is a piece worn with the product only where a pairing word comes
before it ("with jeans", "配牛仔裤"): "is a skirt good for a wedding?" asks about skirts.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.understanding import phrases
from assistant.understanding.lexicon import Lexicon, Mention
from assistant.understanding.model import Piece
from assistant.understanding.tokens import Tokens, term_tokens

# How dressy a piece worn with a garment is (0 casual, 1 smart, 2 dressy).
PIECE_DRESSINESS: dict[str, int] = {
    "sneakers": 0, "trainers": 0, "sandals": 0, "flip flops": 0, "hoodie": 0, "shorts": 0, "jeans": 0,
    "t-shirt": 0, "tee": 0, "joggers": 0, "baseball cap": 0,
    "boots": 1, "loafers": 1, "chinos": 1, "trousers": 1, "pants": 1, "cardigan": 1, "belt": 1, "sweater": 1, "skirt": 1, "blazer": 1,
    "heels": 2, "tie": 2, "suit": 2, "dress shoes": 2, "pumps": 2, "oxfords": 2,
    "运动鞋": 0, "球鞋": 0, "凉鞋": 0, "拖鞋": 0, "牛仔裤": 0, "短裤": 0, "卫衣": 0,
    "靴子": 1, "乐福鞋": 1, "开衫": 1, "西装外套": 1,
    "高跟鞋": 2, "领带": 2, "西装": 2, "皮鞋": 2,
}
# Words that say the next piece is worn with something, and how many tokens before it they may
# stand ("with a pair of jeans"; Chinese a character at a time: "配一条牛仔裤").
PAIRING_WORDS = frozenset({"with", "配", "搭"})
PAIRING_REACH = 4
# Words that come with the piece in an answer ("with a hoodie").
ARTICLES = frozenset({"a", "an", "the", "some"})
# Words before a piece that say the shopper has it ("with my jeans", "配我的牛仔裤"): the answer says "your jeans",
# and holds the product against the one in their cart.
OWN_WORDS = (("my",), ("我", "的"))
# Words a piece's colour may stand before it by ("black skinny jeans", "navy linen trousers").
COLOR_REACH = 2
PIECES = Lexicon(terms={term_tokens(w): (("piece", w),) for w in PIECE_DRESSINESS},
                  longest=max(len(term_tokens(w)) for w in PIECE_DRESSINESS))


def said_as_verbs(words: Sequence[str]) -> set[int]:
    """Positions of values said as verbs of a garment ("would it work with heels?", "which of these
    suits me?"): neither a value nor a piece to wear with it."""
    before = [None, *words[:-1]]
    after = [*words[1:], None]
    return {i for i, word in enumerate(words)
            if (word in phrases.VERB_SENSES and before[i] in phrases.VERB_SUBJECTS)
            or (word.removesuffix("s") in phrases.VERB_SENSES and after[i] in phrases.VERB_OBJECTS)}


def _color_before(tokens: Sequence, colors: dict[int, Mention], start: int) -> Mention | None:
    """The colour said of the piece starting at `start`: one ending just before it, or up to COLOR_REACH words
    before it with no punctuation between ("my black skinny jeans")."""
    for end in range(start, max(-1, start - COLOR_REACH - 1), -1):
        if end in colors:
            return colors[end]
        if end > 0 and tokens[end - 1].is_punct:
            return None
    return None


def asked_pieces(t: Tokens, mentions: Sequence[Mention], worn_with: frozenset[int] = frozenset(),
                 had: frozenset[int] = frozenset()) -> tuple[Piece, ...]:
    """Every piece the words ask to wear with a product, once each, in the order said; `mentions`
    are the turn's lexicon hits (which say where a garment the shop sells is named), `worn_with` the starts of the
    garments said as what something is worn with ("to match navy trousers") or had, `had` those said as the
    shopper's ("I already have dark jeans, would it go with them?": theirs, as "my jeans" is)."""
    words, tokens = list(t.words), t.tokens
    garments = {m.start: m.value for m in mentions if m.slot == "category"}
    colors = {m.end: m for m in mentions if m.slot == "color"}
    verbs = said_as_verbs(words)
    found: dict[str, Piece] = {}
    listed = PIECES.find(words)
    taken = {k for m in listed for k in range(m.start, m.end)}
    # a garment the shop sells that no piece word names ("my white linen blouse") is a piece as its kind
    sold = [m for m in mentions if m.slot == "category" and not taken & set(range(m.start, m.end))]
    for mention in sorted([*listed, *sold], key=lambda m: m.start):
        if mention.start in verbs:
            continue
        before = range(mention.start - 1, max(-1, mention.start - 1 - PAIRING_REACH), -1)
        paired = False
        for k in before:
            if tokens[k].is_punct:
                break
            if words[k] in PAIRING_WORDS:
                paired = True
                break
        if mention.value in found or (mention.start in garments and not paired and mention.start not in worn_with):
            continue
        color = _color_before(tokens, colors, mention.start)
        head = color.start if color is not None else mention.start
        own = mention.start in had or any(tuple(words[max(0, head - len(w)):head]) == w for w in OWN_WORDS)
        start = mention.start - (not own and mention.start > 0 and words[mention.start - 1] in ARTICLES)
        name = words[mention.start:mention.end]
        said = " ".join((["your"] if own else []) + words[start:mention.end]) if "".join(name).isascii() \
            else "".join(name)
        found[mention.value] = Piece(mention.value, said, own, garments.get(mention.start),
                                      color.value if color is not None else None, paired)
    return tuple(found.values())
