"""The assistant's words for a choice among the shown products and for a question before acting.

A choice names the winning products by position and title with the fact that decided it (the
price, the fabric and kind that make it warm, the colour that goes with a piece in the cart, the values asked
for); ties name every product tied; a fact the catalog lacks (or an empty cart) is said to be missing.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.act_table import ACTS
from assistant.choosing import Ranked
from assistant.wardrobe import Owned, best_pairing, owned
from assistant.describe import variant_words
from assistant.phrasebook import Lang, join, say, value_name
from assistant.replies import Wording, no_product
from assistant.replies_cart import cart_titles
from catalog.schema import Product, money


def _why_warm(product: Product, lang: Lang) -> str:
    """The facts `suitability.warmth` reads: fabric, sleeves, kind of garment."""
    bits = [value_name("material", m, lang) for m in product.material]
    if product.sleeve:
        sleeve = value_name("sleeve", product.sleeve, lang)
        bits.append(sleeve if product.sleeve == "sleeveless" else say("sleeve_fact", lang, sleeve=sleeve))
    bits.append(value_name("category", product.category, lang))
    return ("，" if lang == "zh" else ", ").join(bits)


def _asked(pairs: tuple[tuple[str, str], ...], lang: Lang) -> str:
    slots = dict.fromkeys(slot for slot, _ in pairs)
    parts = []
    for slot in slots:
        values = join([value_name(slot, v, lang) for s, v in pairs if s == slot], lang, "and")
        key = f"asked_{slot}" if f"asked_{slot}" in _ASKED_KEYS else "asked_other"
        parts.append(say(key, lang, value=values))
    return join(parts, lang, "and")


_ASKED_KEYS = frozenset({"asked_size", "asked_color", "asked_material", "asked_occasion"})


def _why_match(product: Product, own: tuple[Owned, ...], lang: Lang) -> str:
    """The colour of the product and the piece of the shopper's that go best together (`wardrobe.best_pairing`)."""
    _, color, (piece, piece_color) = best_pairing(product, own)
    if color is None or piece_color is None:
        return say("match_why_plain", lang, own=piece.title)
    return say("match_why", lang, color=value_name("color", color, lang),
               own_color=value_name("color", piece_color, lang), own=piece.title)


def _names(w: Wording, indexes: tuple[int, ...], why: Callable[[Product], str] | None = None) -> str:
    outcome, lang = w.outcome, w.lang
    return join([say("named_why" if why else "named", lang, position=outcome.positions[i],
                     title=outcome.products[i].title, why=why(outcome.products[i]) if why else "")
                 for i in indexes], lang, "and")


def _why(w: Wording, fact: str) -> Callable[[Product], str] | None:
    """What a ranking's winners are named with: the facts that make a garment warm, the pieces one goes with."""
    if fact == "warmth":
        return lambda p: _why_warm(p, w.lang)
    if fact == "match":
        own = owned(w.catalog, w.state)
        return lambda p: _why_match(p, own, w.lang)
    return None


def _ranking(w: Wording, ranked: Ranked) -> str:
    """One sentence naming the best on one fact, and the fact that makes it so."""
    lang, products = w.lang, w.outcome.products
    if ranked.unknown:   # what goes with the cart, when it holds only pieces of these products' own kind
        kind = "_kind" if ranked.fact == "match" and w.state.cart else ""
        return say(f"choose_unknown_{ranked.fact}{kind}", lang)
    tie = "_tie" if len(ranked.winners) > 1 else "_two" if len(products) == 2 else ""
    first = products[ranked.winners[0]]
    price = money(first.price, first.currency) if ranked.fact == "price" else ""
    return say(f"choose_{ranked.fact}_{ranked.order}{tie}", lang, value=price,
               names=_names(w, ranked.winners, _why(w, ranked.fact)))


def chosen(w: Wording) -> str:
    outcome, lang = w.outcome, w.lang
    result, choice = outcome.chosen, w.action.choice
    if result is None or not outcome.products:
        return no_product(w)
    lines = [say("choose_none", lang, asked=_asked(choice.wanted, lang))] if choice.wanted and not result.matched else []
    if result.matched and len(result.matched) < len(choice.wanted):
        lines.append(say("choose_part", lang, asked=_asked(choice.wanted, lang), got=_asked(result.matched, lang),
                         names=_names(w, result.winners)))
    elif result.matched and not choice.ranks:
        lines.append(say("choose_has", lang, asked=_asked(choice.wanted, lang), names=_names(w, result.winners)))
    lines.extend(_ranking(w, ranked) for ranked in result.ranked)
    return ("" if lang == "zh" else " ").join(lines)


def confirm(w: Wording) -> str:
    """An unsure guess of an act that changes the cart or the session: ask, naming the product."""
    asked = w.action.asked
    if not w.products and ACTS[asked].needs:
        return no_product(w)
    if asked == "remove_from_cart" and not w.products:   # the words name no line: ask, saying what the cart holds
        return say("confirm_remove_from_cart_which", w.lang, titles=cart_titles(w, w.state.cart))
    if not w.products:
        return say(f"confirm_{asked}", w.lang)
    if asked == "remove_from_cart" and len(w.outcome.removed) > 1:
        return say("confirm_remove_many", w.lang, titles=join([p.title for p in w.products], w.lang, "and"))
    if asked == "add_to_cart" and len(w.products) > 1:
        size = w.understanding.item_size if w.understanding is not None else None
        return say("confirm_add_many", w.lang, titles=join([p.title for p in w.products], w.lang, "and"),
                   size=say("confirm_in_size", w.lang, size=size) if size else "")
    product, u = w.products[0], w.understanding
    line = next((line for line in w.state.cart if line.product_id == product.id), None)
    if asked == "add_to_cart" and line is not None and not (u and (u.item_size or u.item_color)):
        # "no, keep it" after "take it out?": it is in the cart, and no other colour or size was said
        return say("confirm_add_in_cart", w.lang, title=product.title,
                   variant=variant_words(line.color, line.size, w.lang) or say("size_none", w.lang))
    # the colour and size asked are named: the "add it" that confirms adds in them (held in the state)
    said = variant_words(u.item_color if u.item_color in product.colors else None, u.item_size, w.lang) if u else ""
    # its number on the list, where it is on it (a piece just tried beside the list has none: `DialogueState.beyond`)
    position = w.action.ref or 1
    number = say("confirm_number", w.lang, position=position) if position <= len(w.state.shown) else ""
    if asked == "add_to_cart" and said:
        return say("confirm_add_to_cart_variant", w.lang, title=product.title, number=number, variant=said)
    return say(f"confirm_{asked}", w.lang, title=product.title, number=number)
