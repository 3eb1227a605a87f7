"""The assistant's words about the cart: what was added, removed, and what it holds."""

from __future__ import annotations

from assistant.describe import variant_words
from assistant.phrasebook import join, say, value_name
from assistant.replies import Wording, no_product
from assistant.state import CartLine
from assistant.variant_answer import size_standing
from catalog.schema import Product, money


def _line_price(product: Product, line: CartLine) -> float | None:
    """The price of the variant in the cart."""
    return product.price_for((line.color,) if line.color else (), line.size)


def cart(w: Wording) -> str:
    lang, state = w.lang, w.state
    if not state.cart:
        return say("cart_empty", lang)
    lines = [say("cart_head", lang)]
    total = 0.0
    currency = w.currency
    for line in state.cart:
        product = w.catalog.products.get(line.product_id) if w.catalog is not None else None
        title = product.title if product else line.product_id
        price = _line_price(product, line) if product else None
        total += (price or 0) * line.qty
        variant = f" ({variant_words(line.color, line.size, lang)})" if line.color or line.size else ""
        lines.append(say("cart_line", lang, qty=line.qty, title=title, variant=variant, price=money(price, currency)))
    lines.append(say("cart_total", lang, total=money(total, currency)))
    return "\n".join(lines)


def added(w: Wording) -> str:
    """What went into the cart (each product, in its size, colour and price), and why any product asked for
    did not (its sizes, and a question which)."""
    lang, left_out = w.lang, w.outcome.left_out
    why = [size_unavailable(product, size, lang, color) for product, color, size in left_out]
    if left_out:
        why.append(say("add_which_size", lang))
    if not w.products or w.outcome.cart_line is None:
        return " ".join(why) if why else no_product(w)
    count = sum(l.qty for l in w.state.cart)
    if len(w.products) == 1:
        product, line = w.products[-1], w.outcome.cart_line
        variant = variant_words(line.color, line.size or say("size_missing", lang), lang)
        text = say("added", lang, title=product.title, variant=variant,
                   price=money(_line_price(product, line), product.currency), count=count)
        also = [say("added_also_in", lang, colors=join([value_name("color", c, lang) for c in w.outcome.also_in],
                                                       lang, "or"))] if w.outcome.also_in else []
        return " ".join([text, *also, *why])
    items = []
    for product, color in zip(w.products, w.outcome.colors):
        line = next(l for l in reversed(w.state.cart) if l.product_id == product.id and l.color == color)
        items.append(say("added_item", lang, title=product.title,
                         variant=variant_words(line.color, line.size or say("size_missing", lang), lang),
                         price=money(_line_price(product, line), product.currency)))
    return " ".join([say("added_many", lang, items=join(items, lang, "and"), count=count), *why])


def size_unavailable(product: Product, size: str, lang: str, color: str | None = None) -> str:
    """Why `product` cannot be had in `size` (in `color`, when one was asked): not one of its sizes, or not in
    stock in it; with the sizes it has (in that colour, when it has the size in stock in another)."""
    standing, in_stock = size_standing(product, size)
    if standing == "not_made":
        stocked = in_stock if product.stock_known() else product.sizes
        key = "size_not_made" if stocked == product.sizes else "size_not_made_stock"
        return say(key, lang, title=product.title, size=size, sizes=", ".join(product.sizes),
                   stocked=", ".join(stocked) or say("no_sizes", lang))
    if color and size in in_stock:
        return say("size_chosen_out_color", lang, title=product.title, size=size, color=value_name("color", color, lang),
                   sizes=", ".join(product.sizes_in_stock((color,))) or say("no_sizes", lang))
    return say("size_chosen_out", lang, title=product.title, size=size, sizes=", ".join(in_stock) or "—")


def cart_titles(w: Wording, lines) -> str:
    """The titles of the products on cart lines, "A, B and C"."""
    return join([w.catalog.products[l.product_id].title if w.catalog and l.product_id in w.catalog.products
                 else l.product_id for l in lines], w.lang, "and")


def removed(w: Wording) -> str:
    lang = w.lang
    if len(w.outcome.ambiguous_lines) == 1:   # the cart's one line, named in words no reader knows
        return say("confirm_remove_from_cart", lang, title=cart_titles(w, w.outcome.ambiguous_lines))
    if w.outcome.ambiguous_lines:
        return say("remove_which", lang, options=cart_titles(w, w.outcome.ambiguous_lines))
    if not w.outcome.removed and not w.state.cart:
        return say("cart_empty", lang)
    if not w.outcome.removed:
        u = w.understanding
        # "remove the jeans", "the silk one" (a product shown), "the zzzz": the words named something, none is in it
        if u is not None and (u.stated.values or u.stated.remove or u.strange or u.pointed):
            return say("remove_no_match", lang, titles=cart_titles(w, w.state.cart))
        return say("remove_not_found", lang)
    return say("removed", lang, titles=cart_titles(w, w.outcome.removed), count=sum(l.qty for l in w.state.cart))


def variant_chosen(w: Wording) -> str:
    """The size or colour chosen for the product in focus (the line just added changed to it), whether the product
    is made in it, and whether it is in stock in it."""
    line, old = w.outcome.cart_line, w.outcome.changed_from
    if w.products and line is not None and old is not None:
        product = w.products[0]
        variant = variant_words(line.color, line.size, w.lang)
        if old == line:
            return say("cart_unchanged", w.lang, title=product.title, variant=variant)
        was = value_name("color", old.color, w.lang) if old.color != line.color else old.size or say("size_none", w.lang)
        return say("cart_changed", w.lang, title=product.title, old=was, variant=variant,
                   price=money(_line_price(product, line), product.currency))
    if not w.products or w.outcome.chosen_size is None:
        return no_product(w)
    product, size, lang = w.products[0], w.outcome.chosen_size, w.lang
    if w.outcome.left_out:   # the line just added stays: not in stock in its colour
        return size_unavailable(product, size, lang, w.outcome.left_out[0][1])
    standing, _ = size_standing(product, size)
    if standing == "not_made":
        return size_unavailable(product, size, lang)
    if w.understanding is not None and size == w.understanding.unknown_size:   # none of the shop's: never held
        return say("size_not_listed", lang, title=product.title, size=size)
    if standing == "unknown":
        return say("size_chosen_unknown", lang, title=product.title, size=size)
    if standing == "in_stock":
        return say("size_chosen", lang, title=product.title, size=size)
    return size_unavailable(product, size, lang)


def undone(w: Wording) -> str:
    """What an undo put back and took out again."""
    change, lang = w.outcome.cart_change, w.lang
    if change is None:
        return say("nothing_to_undo", lang)
    changes = [say(key, lang, titles=cart_titles(w, lines)) for key, lines in
               (("undo_returned", change.added), ("undo_taken", change.removed)) if lines]
    return say("undone", lang, changes=("；" if lang == "zh" else "; ").join(changes), count=sum(l.qty for l in w.state.cart))
