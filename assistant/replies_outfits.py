"""The assistant's words about outfits: what goes with a product, and whole outfits under one budget."""

from __future__ import annotations

from assistant.describe import product_line, said_piece
from assistant.phrasebook import join, say, value_name
from assistant.replies import Wording, no_product
from assistant.unsold import in_plural
from catalog.schema import money


def outfit(w: Wording) -> str:
    outcome, lang = w.outcome, w.lang
    if outcome.base is None and outcome.base_said is None:
        return no_product(w)
    plan = outcome.plan
    category = value_name("category", plan.category, lang)
    lead = [say("outfit_unsold", lang, what=in_plural(outcome.unsold, lang))] if outcome.unsold else []
    # a piece of the shopper's is named as they said it, in the colour they said ("your beige shorts")
    said = outcome.base_said
    title = outcome.base.title if said is None else \
        (("你的" if lang == "zh" else "your ") if said.own else "") + said_piece(said, lang)
    if not outcome.products:
        return "\n".join(lead + [say("outfit_none", lang, category=category, title=title)])
    colors = join([value_name("color", c, lang) for c in plan.colors], lang, "or")
    key = "outfit_reason" if not plan.item_color else "outfit_reason_color" if said is None else "outfit_reason_said"
    reason = say(key, lang, category=category, colors=colors, title=title,
                 color=value_name("color", plan.item_color or "", lang))
    lines = lead + [reason[:1].upper() + reason[1:]]
    for position, product in enumerate(outcome.products, 1):
        lines.append(product_line(position, product, lang, (), w.state.request.size))
    lines.append(say("outfit_footer", lang))
    return "\n".join(lines)


def outfits(w: Wording) -> str:
    """Each outfit numbered, with its total and its pieces at their list positions; none, why."""
    outcome, lang = w.outcome, w.lang
    garments = join([value_name("category", g, lang) for g in outcome.garments], lang, "and")
    currency = outcome.products[0].currency if outcome.products else w.currency
    budget = say("outfits_budget", lang, budget=money(outcome.budget, currency)) if outcome.budget is not None else ""
    lead = [say("outfit_unsold", lang, what=in_plural(outcome.unsold, lang))] if outcome.unsold else []
    size = say("outfits_size", lang, size=outcome.size) if outcome.size else ""
    if not outcome.outfits:
        return "\n".join(lead + [say("outfits_none", lang, garments=garments, budget=budget, size=size)])
    lines = lead + [say("outfits_head", lang, count=len(outcome.outfits), garments=garments, budget=budget, size=size)]
    position = 1
    for number, outfit in enumerate(outcome.outfits, 1):
        lines.append(say("outfits_one", lang, number=number, total=money(outfit.total, currency)))
        for product in outfit.pieces:
            lines.append(product_line(position, product, lang, (), w.state.request.size))
            position += 1
    lines.append(say("outfits_footer", lang))
    return "\n".join(lines)
