"""Whether a product suits hot or cold weather, an occasion, or a piece worn with it, settled from
its catalog facts.

Asked "is it ok for a summer wedding?" about a sleeveless silk dress, the bundled model answered
"It is not ok for a summer wedding", and called the same dress "warm enough for winter". Where the
facts decide (fabric, sleeves and kind of garment for the weather; the occasions the shop lists
it for), the answer is built from them; a question they leave open goes to the LLM.

Asked "can I wear it with sneakers?" about a casual black T-shirt, the model said "No, you cannot".
Whether a piece goes with a garment is a matter of how dressy each is: the garment's listed styles
say how dressy it is, a small table how dressy the piece is. A piece never rules a garment out; it
keeps the look, or dresses it up or down, and the answer says which. A piece the shopper has in their cart ("does it
go with what I've bought?", "with my jeans?") is weighed by colour instead, as an outfit's pieces are (`wardrobe`).
"""

from __future__ import annotations

from collections.abc import Sequence

from catalog.schema import Product

from assistant.describe import in_colour, said_piece
from assistant.phrasebook import Lang, join, say, value_name
from assistant.understanding.choice import asked_weather
from assistant.understanding.model import Piece, Understanding
from assistant.understanding.pieces import PIECE_DRESSINESS
from assistant.wardrobe import Owned, graded, pieces_to_pair, worn_instead

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

# How dressy a garment is by its styles (0 casual, 1 smart, 2 dressy), as a piece is (`PIECE_DRESSINESS`).
STYLE_DRESSINESS: dict[str, int] = {
    "casual": 0, "sporty": 0, "streetwear": 0, "bohemian": 0,
    "vintage": 1, "minimalist": 1, "elegant": 2, "formal": 2,
}


def asked_piece(turn: Understanding, product: Product) -> Piece | None:
    """The one piece the turn asks to wear with `product`, else None: no piece, or several
    ("sneakers or boots?"). The product's own kind of garment is not a piece worn with it."""
    found = [piece for piece in turn.pieces if piece.name != product.category]
    return found[0] if len(found) == 1 else None


def pairing(product: Product, turn: Understanding, lang: Lang) -> str | None:
    """Whether the piece asked about keeps the product's look or dresses it up or down, from how
    dressy its listed styles are; None when no one piece is asked about or no style is listed."""
    piece = asked_piece(turn, product)
    levels = [STYLE_DRESSINESS[s] for s in product.style if s in STYLE_DRESSINESS]
    if piece is None or piece.name not in PIECE_DRESSINESS or not levels:
        return None
    level = PIECE_DRESSINESS[piece.name]
    key = "pair_down" if level < min(levels) else "pair_up" if level > max(levels) else "pair_yes"
    styles = join([value_name("style", s, lang) for s in product.style], lang, "and")
    return say(key, lang, piece=piece.said, styles=styles)


def own_pairing(product: Product, turn: Understanding, own: Sequence[Owned], lang: Lang) -> str | None:
    """How the product goes with the shopper's own pieces the words hold it against ("what I've bought", "my
    jeans": the cart's, `wardrobe`), by their colours; None when no own piece is asked about, or the one named is not
    in the cart (how dressy it is answers then, `pairing`)."""
    named = [p for p in turn.pieces if p.own]   # "my sneakers" too: not sold; "my chinos" of trousers, worn instead
    if not (turn.with_own or named):
        return None
    if named and all(p.category and worn_instead(product.category, p.category) for p in named):
        return say("own_instead", lang, piece=named[0].said)   # grey trousers "with my jeans"
    # a piece said in a colour is that colour, whatever the cart holds of its kind; one said without is the cart's
    coloured = [p for p in named if p.color and not (p.category and worn_instead(product.category, p.category))]
    kinds = {p.category for p in named if not p.color}
    carts = tuple(x for x in pieces_to_pair(product, own) if not named or x[0].category in kinds)
    pieces = carts + tuple((None, p.color) for p in coloured)
    labels = [in_colour(p.title, c, lang) for p, c in carts] + [said_piece(p, lang) for p in coloured]
    if not pieces:
        return None if named else say("own_unknown_kind" if own else "own_unknown", lang)
    color, grades = graded(product, pieces)
    clauses = [say(f"own_{grade or 'colorless'}", lang, color=value_name("color", color, lang) if color else "",
                   pieces=join([label for (g, _), label in zip(grades, labels) if g == grade], lang, "and"))
               for grade in dict.fromkeys(g for g, _ in grades)]
    said = [g for g, _ in grades if g is not None]
    lead = "own_no" if said and all(g == "clash" for g in said) else \
        "own_partly" if "clash" in said else "own_yes"
    text = say(lead, lang, clauses=("；" if lang == "zh" else "; ").join(clauses))
    if len(product.colors) > 1 and color is not None:   # of the cart's pieces, or of those said ("my beige chinos")
        key = "own_best_color" if carts else "own_best_color_said"
        text += ("" if lang == "zh" else " ") + say(key, lang, color=value_name("color", color, lang),
                                                     pieces=join(labels, lang, "and"))
    return text


def warmth(product: Product) -> int | None:
    """How warm the product wears, from its fabric, sleeves and kind; None when no fact says."""
    known = [MATERIAL_WARMTH[m] for m in product.material if m in MATERIAL_WARMTH]
    parts = ([round(sum(known) / len(known))] if known else []) + \
        ([SLEEVE_WARMTH[product.sleeve]] if product.sleeve in SLEEVE_WARMTH else []) + \
        ([CATEGORY_WARMTH[product.category]] if product.category in CATEGORY_WARMTH else [])
    return sum(parts) if parts else None


def weather_facts(product: Product, lang: Lang) -> str:
    bits = [join([value_name("material", m, lang) for m in product.material], lang, "and")]
    if product.sleeve:
        name = value_name("sleeve", product.sleeve, lang)
        bits.append(name if product.sleeve == "sleeveless" else say("sleeve_fact", lang, sleeve=name))
    return ("，" if lang == "zh" else ", ").join(b for b in bits if b)


def verdict(product: Product, turn: Understanding, text: str, lang: Lang,
            own: Sequence[Owned] = ()) -> tuple[str, ...]:
    """The sentences the facts settle about the shopper's own pieces (`own`: the cart's) or a piece worn with it, the
    weather asked for (in `text`) and the occasions the turn states; empty when they settle nothing."""
    sentence = own_pairing(product, turn, own, lang) or pairing(product, turn, lang)
    sentences = [sentence] if sentence else []
    occasions = turn.stated.values.get("occasion", ())
    weather, heat = asked_weather(text), warmth(product)
    if weather is not None and heat is not None:
        suits = heat <= COOL_ENOUGH if weather == "hot" else heat >= WARM_ENOUGH
        unsuited = heat >= 1 if weather == "hot" else heat <= COOL_ENOUGH
        if suits or unsuited:
            key = f"weather_{weather}_{'yes' if suits else 'no'}"
            sentences.append(say(key, lang, facts=weather_facts(product, lang)))
    if occasions and product.occasion:
        listed = join([value_name("occasion", o, lang) for o in product.occasion], lang, "and")
        missing = [o for o in occasions if o not in product.occasion]
        if not missing:
            sentences.append(say("occasion_listed", lang, listed=listed))
        else:
            asked = join([value_name("occasion", o, lang) for o in missing], lang)
            sentences.append(say("occasion_not_listed", lang, asked=asked, listed=listed))
    return tuple(sentences)
