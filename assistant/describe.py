"""The words for a request, a constraint and a product line, in English or Chinese: the one
formatter the replies and the web page's product cards both use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assistant.phrasebook import Lang, for_occasion, join, say, value_name
from assistant.slots import SearchRequest
from assistant.understanding.model import Piece
from catalog.schema import Product, money
from catalog.search import Constraint


def comma(lang: Lang) -> str:
    return "，" if lang == "zh" else ", "


def variant_words(color: str | None, size: str | None, lang: Lang) -> str:
    """A product's colour and size as a reply names them ("white, XL"), leaving out either when not given."""
    return comma(lang).join(x for x in (value_name("color", color, lang) if color else "", size or "") if x)


def describe_values(slot: str, values: Sequence[str], lang: Lang, before_noun: bool = False) -> str:
    """The values in words; `before_noun` when a garment's name follows ("short-sleeve dress", not "short sleeves
    dress")."""
    names = [for_occasion(v, lang) if slot == "occasion" else value_name(slot, v, lang) for v in values]
    text = join(names, lang)
    if slot == "fit":
        return f"{text}版型" if lang == "zh" else f"{text} fit"
    if slot == "sleeve" and values != ("sleeveless",):
        return text if lang == "zh" else f"{text}-sleeve" if before_noun else f"{text} sleeves"
    if slot == "occasion":
        return f"适合{text}" if lang == "zh" else f"for {text}"
    return text


def describe_constraint(constraint: Constraint, lang: Lang, currency: str = "USD") -> str:
    slot, value = constraint.slot, constraint.value
    if slot == "max_price":
        return f"{money(value, currency)}以内" if lang == "zh" else f"under {money(value, currency)}"
    if slot == "min_price":
        return f"{money(value, currency)}以上" if lang == "zh" else f"from {money(value, currency)}"
    if slot == "size":
        return f"{value}码" if lang == "zh" else f"size {value}"
    return describe_values(slot, tuple(value), lang)


# the slots said before a garment's name, in the order they are said ("women's slim navy striped linen shirt")
WORD_ORDER = ("brand", "gender", "fit", "color", "pattern", "material", "style", "sleeve", "category")
LOOK = frozenset({"brand", "fit", "color", "pattern", "material"})  # of them, what tells one shown product from another


# kinds English names only in the plural: "a pair of blue jeans", never "a blue jeans"
NAMED_IN_PAIRS = frozenset({"trousers", "jeans", "shorts"})


def one_garment(words: str, category: str | None, lang: Lang) -> str:
    """A garment's words as one of it is named: "a black coat", "an orange top", "a pair of blue jeans"; in
    Chinese as they are."""
    if lang == "zh":
        return words
    if category in NAMED_IN_PAIRS:
        return f"a pair of {words}"
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def look_words(values: Mapping[str, Sequence[str]], lang: Lang) -> str:
    """The look a description names, as said before "ones" ("slim black"; "修身黑色"); a slot's several values are
    one product's together ("red and white", not "red white")."""
    names = [join([value_name(slot, v, lang) for v in values.get(slot, ())], lang, "and")
             for slot in WORD_ORDER if slot in LOOK]
    return ("" if lang == "zh" else " ").join(n for n in names if n)


def describe_request(request: SearchRequest, lang: Lang, currency: str = "USD") -> str:
    """The current request in words: "navy linen shirt, size L, under $60, no slim fit"."""
    words = []
    for slot in WORD_ORDER:
        values = request.get(slot)
        if values:
            words.append(describe_values(slot, values, lang, before_noun=bool(request.category)))
    bits = [("" if lang == "zh" else " ").join(words)] if words else []
    if request.occasion:
        bits.append(describe_values("occasion", request.occasion, lang))
    if request.size:
        bits.append(describe_constraint(Constraint("size", request.size), lang))
    if request.min_price is not None and request.max_price is not None:
        bits.append(f"{money(request.min_price, currency)}–{money(request.max_price, currency)}")
    elif request.max_price is not None:
        bits.append(describe_constraint(Constraint("max_price", request.max_price), lang, currency))
    elif request.min_price is not None:
        bits.append(describe_constraint(Constraint("min_price", request.min_price), lang, currency))
    for slot, values in request.exclude.items():
        text = describe_values(slot, values, lang)
        bits.append(f"不要{text}" if lang == "zh" else f"no {text}")
    return comma(lang).join(b for b in bits if b) or say("anything", lang)


def in_colour(name: str, color: str | None, lang: Lang) -> str:
    """A garment's name with its colour before it ("black Copper Lane Jeans", "米色短裤"), or alone."""
    if not color:
        return name
    return f"{value_name('color', color, lang)}{'' if lang == 'zh' else ' '}{name}"


def said_piece(piece: Piece, lang: Lang) -> str:
    """A piece the shopper says they have (`Piece`), in the colour they said and without the "your" the sentence
    puts before it ("beige shorts", "米色短裤")."""
    return in_colour(piece.said.removeprefix("your "), piece.color, lang)


def colors_it_has(product: Product, colors: Sequence[str]) -> tuple[str, ...]:
    """The asked colours this product comes in: an asked colour it lacks says nothing of its stock."""
    return tuple(c for c in colors if c in product.colors)


def product_line(position: int | None, product: Product, lang: Lang, colors: Sequence[str] = (),
                 size: str | None = None) -> str:
    colors = colors_it_has(product, colors)
    sizes = product.sizes_in_stock(colors) if product.stock_known() else product.sizes
    return say(
        "product_line" if position is not None else "product_line_plain", lang, position=position, title=product.title,
        price=money(product.price_for(tuple(colors), size), product.currency),
        colors="/".join(value_name("color", c, lang) for c in product.colors) or say("not_stated", lang),
        sizes=", ".join(sizes) if sizes else say("no_sizes", lang),
    )
