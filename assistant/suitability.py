"""Whether a product suits hot or cold weather, an occasion, or a piece worn with it, settled from
its catalog facts.

Asked "is it ok for a summer wedding?" about a sleeveless silk dress, the bundled model answered
"It is not ok for a summer wedding", and called the same dress "warm enough for winter". Where the
facts decide (fabric, sleeves and kind of garment for the weather; the occasions the shop lists
it for), the answer is built from them; a question they leave open goes to the LLM.

Asked "can I wear it with sneakers?" about a casual black T-shirt, the model said "No, you cannot".
Whether a piece goes with a garment is a matter of how dressy each is: the garment's listed styles
say how dressy it is, a small table how dressy the piece is. A piece never rules a garment out; it
keeps the look, or dresses it up or down, and the answer says which.
"""

from __future__ import annotations

from collections.abc import Sequence

from catalog.schema import Product

from assistant.phrasebook import Lang, join, say, value_name
from assistant.understanding.choice import asked_weather
from assistant.understanding.lexicon import Lexicon
from assistant.understanding.tokens import term_tokens, tokenize

# how warm a fabric, a sleeve and a kind of garment make it wear: below 0 cool, above 0 warm
MATERIAL_WARMTH: dict[str, int] = {
    "linen": -1, "silk": -1, "cotton": 0, "polyester": 0, "denim": 0,
    "leather": 1, "wool": 1, "cashmere": 1, "fleece": 1,
}
SLEEVE_WARMTH: dict[str, int] = {"sleeveless": -1, "short": -1, "long": 0}
CATEGORY_WARMTH: dict[str, int] = {"coat": 2, "jacket": 1, "sweater": 1, "hoodie": 1, "cardigan": 1, "shorts": -1}
# the totals at which a garment is light enough for the heat, or warm enough for the cold
COOL_ENOUGH = -1
WARM_ENOUGH = 2

# How dressy a piece worn with a garment is (0 casual, 1 smart, 2 dressy), and a garment by its styles.
PIECE_DRESSINESS: dict[str, int] = {
    "sneakers": 0, "trainers": 0, "sandals": 0, "flip flops": 0, "hoodie": 0, "shorts": 0, "jeans": 0,
    "t-shirt": 0, "t shirt": 0, "tee": 0, "joggers": 0, "baseball cap": 0,
    "boots": 1, "loafers": 1, "chinos": 1, "cardigan": 1, "belt": 1, "sweater": 1, "skirt": 1, "blazer": 1,
    "heels": 2, "tie": 2, "suit": 2, "dress shoes": 2, "pumps": 2, "oxfords": 2,
    "运动鞋": 0, "球鞋": 0, "凉鞋": 0, "拖鞋": 0, "牛仔裤": 0, "短裤": 0, "卫衣": 0,
    "靴子": 1, "乐福鞋": 1, "开衫": 1, "西装外套": 1,
    "高跟鞋": 2, "领带": 2, "西装": 2, "皮鞋": 2,
}
STYLE_DRESSINESS: dict[str, int] = {
    "casual": 0, "sporty": 0, "streetwear": 0, "bohemian": 0,
    "vintage": 1, "minimalist": 1, "elegant": 2, "formal": 2,
}
# words that come with the piece in an answer ("with a hoodie")
_ARTICLES = frozenset({"a", "an", "the", "my", "some"})

_PIECES = Lexicon(terms={term_tokens(w): (("piece", w),) for w in PIECE_DRESSINESS},
                  longest=max(len(term_tokens(w)) for w in PIECE_DRESSINESS))

def asked_piece(text: str, product: Product) -> tuple[str, str] | None:
    """The one piece the words ask to wear with `product` (its table name, and as said, with its
    article), else None: no piece, or several ("sneakers or boots?"). The product's own kind of
    garment is not a piece worn with it."""
    words = [t.text for t in tokenize(text) if not t.is_punct]
    found = {m.value: m for m in _PIECES.find(words) if m.value != product.category}
    if len(found) != 1:
        return None
    (name, mention), = found.items()
    if not name.isascii():
        return name, name
    return name, " ".join(words[mention.start - (mention.start > 0 and words[mention.start - 1] in _ARTICLES):mention.end])


def pairing(product: Product, text: str, lang: Lang) -> str | None:
    """Whether the piece asked about keeps the product's look or dresses it up or down, from how
    dressy its listed styles are; None when no one piece is asked about or no style is listed."""
    piece = asked_piece(text, product)
    levels = [STYLE_DRESSINESS[s] for s in product.style if s in STYLE_DRESSINESS]
    if piece is None or not levels:
        return None
    name, said = piece
    level = PIECE_DRESSINESS[name]
    key = "pair_down" if level < min(levels) else "pair_up" if level > max(levels) else "pair_yes"
    styles = join([value_name("style", s, lang) for s in product.style], lang, "and")
    return say(key, lang, piece=said, styles=styles)


def warmth(product: Product) -> int | None:
    """How warm the product wears, from its fabric, sleeves and kind; None when no fact says."""
    known = [MATERIAL_WARMTH[m] for m in product.material if m in MATERIAL_WARMTH]
    parts = ([round(sum(known) / len(known))] if known else []) + \
        ([SLEEVE_WARMTH[product.sleeve]] if product.sleeve in SLEEVE_WARMTH else []) + \
        ([CATEGORY_WARMTH[product.category]] if product.category in CATEGORY_WARMTH else [])
    return sum(parts) if parts else None


def _weather_facts(product: Product, lang: Lang) -> str:
    bits = [join([value_name("material", m, lang) for m in product.material], lang, "and")]
    if product.sleeve:
        name = value_name("sleeve", product.sleeve, lang)
        bits.append(name if product.sleeve == "sleeveless" else say("sleeve_fact", lang, sleeve=name))
    return ("，" if lang == "zh" else ", ").join(b for b in bits if b)


def verdict(product: Product, text: str, occasions: Sequence[str], lang: Lang) -> tuple[str, ...]:
    """The sentences the facts settle about a piece worn with it, the weather asked for and the
    occasions asked for (`occasions`, canonical, as the rules read them); empty when they settle
    nothing."""
    sentences = [sentence] if (sentence := pairing(product, text, lang)) else []
    weather, heat = asked_weather(text), warmth(product)
    if weather is not None and heat is not None:
        suits = heat <= COOL_ENOUGH if weather == "hot" else heat >= WARM_ENOUGH
        unsuited = heat >= 1 if weather == "hot" else heat <= COOL_ENOUGH
        if suits or unsuited:
            key = f"weather_{weather}_{'yes' if suits else 'no'}"
            sentences.append(say(key, lang, facts=_weather_facts(product, lang)))
    if occasions and product.occasion:
        listed = join([value_name("occasion", o, lang) for o in product.occasion], lang, "and")
        missing = [o for o in occasions if o not in product.occasion]
        if not missing:
            sentences.append(say("occasion_listed", lang, listed=listed))
        else:
            asked = join([value_name("occasion", o, lang) for o in missing], lang)
            sentences.append(say("occasion_not_listed", lang, asked=asked, listed=listed))
    return tuple(sentences)
