"""Whether a product suits hot or cold weather, or an occasion, settled from its catalog facts.

Asked "is it ok for a summer wedding?" about a sleeveless silk dress, the bundled model answered
"It is not ok for a summer wedding", and called the same dress "warm enough for winter". Where the
facts decide (fabric, sleeves and kind of garment for the weather; the occasions the shop lists
it for), the answer is built from them; a question they leave open goes to the LLM.
"""

from __future__ import annotations

from collections.abc import Sequence

from catalog.schema import Product

from assistant.phrasebook import Lang, join, say, value_name
from assistant.understanding.choice import asked_weather

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
    """The sentences the facts settle about the weather asked for and the occasions asked for
    (`occasions`, canonical, as the rules read them); empty when they settle nothing."""
    sentences = []
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
