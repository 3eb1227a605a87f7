"""Yes or no to a colour or size asked of one product ("does the second one come in blue?", "do you have
the first one in a medium?"), from its catalog colours, sizes and stock: the answer comes first, with
what there is instead when it is no."""

from __future__ import annotations

from assistant.phrasebook import Lang, join, say, value_name
from catalog.schema import Product


def asked_variant(product: Product, lang: Lang, color: str | None, size: str | None) -> str | None:
    """The answer to the colour and size named with `product`, or None when neither was named."""
    if color is None and size is None:
        return None
    parts = []
    has_color = color is not None and color in product.colors
    if color is not None:
        parts.append(_color(product, lang, color, has_color))
    if size is not None:
        parts.append(_size(product, lang, size, color if has_color else None))
    return ("" if lang == "zh" else " ").join(parts)


def _color(product: Product, lang: Lang, color: str, has: bool) -> str:
    name = value_name("color", color, lang)
    if not product.colors:
        return say("fact_unknown", lang, what=say("word_colors", lang))
    if has:
        return say("variant_color_yes", lang, color=name)
    others = join([value_name("color", c, lang) for c in product.colors], lang, "and")
    return say("variant_color_no", lang, color=name, colors=others)


# the standings (`size_standing`) in which the shop cannot send the product in the size: it is not added to a cart
UNAVAILABLE = ("not_made", "sold_out")


def size_standing(product: Product, size: str, colors: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]]:
    """Whether `product` is made in `size` and has it in stock (in any of `colors`), for every reply about a
    size asked of one product: "not_made" (its sizes list lacks it), "unknown" (no stock is known),
    "in_stock" or "sold_out"; and the sizes in stock (empty when no stock is known)."""
    if product.sizes and size not in product.sizes:
        return "not_made", product.sizes_in_stock(()) if product.stock_known() else ()
    if not product.stock_known():
        return "unknown", ()
    in_stock = product.sizes_in_stock(colors)
    return ("in_stock" if size in in_stock else "sold_out"), in_stock


def _size(product: Product, lang: Lang, size: str, color: str | None) -> str:
    """Whether `size` is made, and in stock (in `color`, when that colour was asked and is made)."""
    if not product.sizes:
        return say("fact_unknown", lang, what=say("word_sizes", lang))
    standing, in_stock = size_standing(product, size, (color,) if color else ())
    if standing == "not_made":
        return say("variant_size_not_made", lang, size=size, sizes=", ".join(product.sizes))
    if standing == "unknown":
        return say("variant_size_unknown", lang, size=size)
    if standing == "in_stock":
        return say("variant_size_yes", lang, size=size)
    sizes = ", ".join(in_stock) or say("no_sizes", lang)
    if color:
        return say("variant_size_out_color", lang, size=size, color=value_name("color", color, lang), sizes=sizes)
    return say("variant_size_out", lang, size=size, sizes=sizes)
