"""The words of a pick between products: which one, the catalog facts that favour it against what
the shopper said, and what would tip it the other way (`deciding`)."""

from __future__ import annotations

from assistant.deciding import Decision, Edge
from assistant.phrasebook import Lang, join, say, value_name
from assistant.replies import Wording
from assistant.suitability import weather_facts
from catalog.schema import Product, money


def _values(slot: str, product: Product, wanted: tuple[str, ...], lang: Lang) -> str:
    """The product's values of a slot that the shopper asked for."""
    return join([value_name(slot, v, lang) for v in product.values(slot) if v in wanted], lang, "and")


def _clause(edge: Edge, products: tuple[Product, ...], decision: Decision, lang: Lang) -> str:
    """What the winning product has on this criterion, as a clause without its subject."""
    product, wants, name = products[edge.winner], decision.wants, edge.criterion
    if name == "size":
        return say("decide_size", lang, size=wants.size)
    if name == "weather":
        return say(f"decide_weather_{wants.weather}", lang, facts=weather_facts(product, lang))
    if name == "budget":
        return say("decide_budget", lang, budget=money(wants.budget, product.currency),
                   price=money(product.price, product.currency))
    if name == "price":
        dearest = min(p.price for i, p in enumerate(products) if i != edge.winner and p.price is not None)
        return say("decide_price", lang, difference=money(dearest - product.price, product.currency),
                   price=money(product.price, product.currency))
    return say(f"decide_{name}", lang, **{name: _values(name, product, getattr(wants, name), lang)})


def decided(w: Wording) -> str:
    decision, products, lang = w.outcome.decision, w.outcome.products, w.lang
    if decision is None or len(products) < 2:
        return say("decide_need_two", lang)
    positions = w.outcome.positions
    pick = products[decision.pick]
    if decision.said_nothing:   # nothing to weigh but the price (the pick is the cheapest): ask what it is for
        return say("decide_ask_first", lang, position=positions[decision.pick], title=pick.title)
    if not any(e.criterion != "price" for e in decision.reasons + ((decision.tip,) if decision.tip else ())):
        unlisted = [o for o in decision.wants.occasion if not any(o in p.occasion for p in products)]
        lead = [say("decide_none_listed", lang, occasion=join([value_name("occasion", o, lang) for o in unlisted],
                                                              lang))] if unlisted else []
        return ("" if lang == "zh" else " ").join(lead + [say("decide_even", lang, position=positions[decision.pick],
                                                              title=pick.title, price=money(pick.price, pick.currency))])
    reasons = [_clause(e, products, decision, lang) for e in decision.reasons]
    lines = [say("decide_pick", lang, position=positions[decision.pick], title=pick.title,
                 reasons=join(reasons, lang, "and"))]
    tip = decision.tip
    if tip is not None:
        lines.append(say("decide_tip", lang, what=say(f"decide_what_{tip.criterion}", lang), position=positions[tip.winner],
                         title=products[tip.winner].title, clause=_clause(tip, products, decision, lang)))
    else:
        lines.append(say("decide_no_tip", lang))
    return ("" if lang == "zh" else " ").join(lines)
