"""What the shopper is told about the products pointed at: the facts asked for, all of them, or two
side by side, from the catalog only; a colour or size asked of one is answered yes or no first."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.describe import comma
from assistant.phrasebook import Lang, join, say, value_name
from assistant.replies import Wording, advice, no_product
from assistant.variant_answer import asked_variant
from catalog.schema import Product, money

FACT_SENTENCES = ("price", "brand", "stretch", "sizing", "material", "fit", "pattern", "sleeve", "colors", "sizes", "stock",
                  "care", "rating")
# Facts the catalog has no field for: only a product's own description can say them, in a sentence with these words
# ("Gentle machine wash at 30°C."; without it, a linen shirt whose description said "Dry clean recommended." was
# said to have no care instructions)
DESCRIBED: dict[str, re.Pattern[str]] = {
    "stretch": re.compile(r"\b(?:stretch\w*|elastic\w*|elastane|spandex|lycra)\b", re.IGNORECASE),
    # an instruction, not any "wash" ("cotton that gets better with every wash" was quoted as its care)
    "sizing": re.compile(r"\b(?:true to size|runs? (?:small|large|big)|size (?:up|down))\b", re.IGNORECASE),
    "care": re.compile(r"\b(?:(?:machine|hand)[- ]?wash\w*|wash(?:ed|able)?\s+(?:at|cold|warm|in|inside|separately|on)\b|"
                       r"(?:dry|wipe|spot)[- ]?clean\w*|tumble[- ]?dr\w*|line[- ]dry|hang to dry|do not (?:bleach|iron|tumble|wash)|"
                       r"iron (?:on|at|low)\b|\d+\s*°\s*[CF])", re.IGNORECASE),
}


def _fact(product: Product, fact: str, lang: Lang, shown: str | None = None) -> str:
    """One asked fact, from the catalog only; an unknown one is said to be unknown. The sizes in stock are those
    of the colour the product is `shown` in, of several (its card's: "In stock: S, M, L, XL, XXL" beside a card for
    the navy asked, in L and XL)."""
    if fact == "price":
        return say("fact_price", lang, title=product.title, price=money(product.price, product.currency))
    if fact == "brand":
        return say("fact_brand", lang, brand=product.brand) if product.brand else say("fact_no_brand", lang)
    if fact == "material":
        return say("details_made", lang, facts=say("material_fact", lang, material=join(
            [value_name("material", m, lang) for m in product.material], lang, "and"))) if product.material else say("fact_unknown", lang, what=say("word_material", lang))
    if fact == "fit":
        return say("details_made", lang, facts=say("fit_fact", lang, fit=value_name("fit", product.fit, lang))) if product.fit else say("fact_unknown", lang, what=say("word_fit", lang))
    if fact == "pattern":
        return say("details_made", lang, facts=value_name("pattern", product.pattern, lang)) if product.pattern else say("fact_unknown", lang, what=say("word_pattern", lang))
    if fact == "sleeve":
        if not product.sleeve:
            return say("fact_unknown", lang, what=say("word_sleeve", lang))
        sleeve = value_name("sleeve", product.sleeve, lang)
        return say("details_made", lang, facts=sleeve) if product.sleeve == "sleeveless" else \
            say("details_sleeves", lang, sleeve=sleeve)
    if fact == "colors":
        return say("details_colors", lang, colors=join([value_name("color", c, lang) for c in product.colors], lang, "and")) if product.colors else say("fact_unknown", lang, what=say("word_colors", lang))
    if fact in DESCRIBED:
        said = " ".join(s.strip() for s in re.split(r"(?<=[.!?])\s+", product.description) if DESCRIBED[fact].search(s))
        return say("fact_said", lang, said=said) if said else say(f"fact_no_{fact}", lang)
    if fact in ("sizes", "stock"):
        if product.stock_known():
            sizes = product.sizes_in_stock(())
            if shown in product.colors and len(product.colors) > 1:
                return _stock_in(product, shown, sizes, lang)
            return say("details_stock", lang, sizes=", ".join(sizes)) if sizes else say("details_no_stock", lang)
        return say("details_unknown_stock", lang, sizes=", ".join(product.sizes)) if product.sizes else say("fact_unknown", lang, what=say("word_sizes", lang))
    return say(f"fact_no_{fact}", lang)


def _stock_in(product: Product, shown: str, every: Sequence[str], lang: Lang) -> str:
    """The sizes in stock in the colour `shown`, then those only its other colours have (`every`: all in stock)."""
    sizes, color = product.sizes_in_stock((shown,)), value_name("color", shown, lang)
    said = [say("details_stock_in", lang, sizes=", ".join(sizes), color=color) if sizes
            else say("details_no_stock_in", lang, color=color)]
    others = [s for s in every if s not in sizes]
    if others:
        said.append(say("details_stock_else", lang, sizes=", ".join(others)))
    return ("" if lang == "zh" else " ").join(said)


def _details(product: Product, lang: Lang, facts: Sequence[str] = (), shown: str | None = None) -> str:
    asked = [f for f in FACT_SENTENCES if f in facts]
    if asked == ["stretch"]:
        asked += ["material", "fit"]   # what the catalog does say about how it wears
    if asked == ["sizing"]:
        asked += ["fit"]
    if asked:
        # each sentence once: sizes and stock are one answer ("In stock: XS, S." was said twice)
        text = ("" if lang == "zh" else " ").join(dict.fromkeys(_fact(product, f, lang, shown) for f in asked))
        return text if "price" in asked else say("about", lang, title=product.title) + text
    parts = [say("details_head", lang, title=product.title, price=money(product.price, product.currency))]
    made = []
    if product.material:
        made.append(say("material_fact", lang, material=join([value_name("material", m, lang) for m in product.material], lang, "and")))
    if product.fit:
        made.append(say("fit_fact", lang, fit=value_name("fit", product.fit, lang)))
    if product.pattern:
        made.append(value_name("pattern", product.pattern, lang))
    if product.sleeve:
        sleeve = value_name("sleeve", product.sleeve, lang)
        made.append(sleeve if product.sleeve == "sleeveless" else say("sleeve_fact", lang, sleeve=sleeve))
    if made:
        parts.append(say("details_made", lang, facts=comma(lang).join(made)))
    if product.brand:
        parts.append(say("fact_brand", lang, brand=product.brand))
    parts.append(_fact(product, "colors", lang) if product.colors else "")
    parts.append(_fact(product, "stock", lang, shown) if product.sizes else "")
    if product.description and lang == "en":
        parts.append(product.description)
    return ("" if lang == "zh" else " ").join(p for p in parts if p)


def details(w: Wording) -> str:
    """Each product pointed at; a colour or size named with it ("the second one in blue?") is answered
    first, yes or no, and what the answer says is not listed again after it."""
    if not w.products:
        return no_product(w)
    if w.outcome.known:   # a yes or no its listing holds nothing of: the shop's knowledge follows (`Outcome.advice`)
        return say("advice_about", w.lang, title=w.products[0].title)
    refs = w.action.refs
    u = w.understanding
    color, size = (u.item_color, u.item_size) if u is not None else (None, None)
    shown = w.outcome.colors or (None,) * len(w.products)
    lines = [(f"{ref}. " if len(w.products) > 1 else "") + _pointed(p, w.lang, w.outcome.facts, color, size, c)
             for ref, p, c in zip(refs or range(1, len(w.products) + 1), w.products, shown)]
    # "is it see-through?": a yes or no asked of something the catalog holds no fact for gets the listing, said
    # to be all the shop says (it read as an answer that ignored the question)
    unlisted = u is not None and u.yes_no and not w.outcome.facts and color is None and size is None
    return "\n".join([say("listing_only", w.lang)] * unlisted + lines)


def answer(w: Wording) -> str:
    """An open question's lead (`replies.advice`); a yes or no about one product that neither its listing nor the
    shop's knowledge settles is answered as details are: the listing, said to be all the shop says."""
    return details(w) if w.outcome.unlisted else advice(w)


def _pointed(product: Product, lang: Lang, facts: Sequence[str], color: str | None, size: str | None,
             shown: str | None) -> str:
    answer = asked_variant(product, lang, color, size)
    if answer is None:
        return _details(product, lang, facts, shown)
    covered = ({"colors"} if color else set()) | ({"sizes", "stock"} if size else set())
    rest = [f for f in FACT_SENTENCES if f in facts and f not in covered]
    tail = list(dict.fromkeys(_fact(product, f, lang, shown) for f in rest))
    return say("about", lang, title=product.title) + ("" if lang == "zh" else " ").join([answer, *tail])


def compare(w: Wording) -> str:
    if not w.products:
        return no_product(w)
    if len(w.products) < 2:
        return _details(w.products[0], w.lang, w.outcome.facts, (w.outcome.colors or (None,))[0])
    lang = w.lang
    lines = [say("compare_head", lang)]
    unknown = say("not_stated", lang)
    for ref, product in zip(w.action.refs, w.products):
        lines.append(say(
            "compare_line", lang, position=ref, title=product.title, price=money(product.price, product.currency),
            material=join([value_name("material", m, lang) for m in product.material], lang, "and") or unknown,
            fit=value_name("fit", product.fit, lang) if product.fit else unknown,
            colors=join([value_name("color", c, lang) for c in product.colors], lang, "and") or unknown,
        ))
    priced = [(ref, p) for ref, p in zip(w.action.refs, w.products) if p.price is not None]
    if len(priced) >= 2 and len({p.price for _, p in priced}) > 1:
        ref, cheapest = min(priced, key=lambda rp: rp[1].price)
        key = "compare_cheaper" if len(priced) == 2 else "compare_cheapest"
        lines.append(say(key, lang, position=ref, title=cheapest.title))
    return "\n".join(lines)
