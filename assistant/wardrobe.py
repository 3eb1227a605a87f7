"""What the shopper already has, as far as the shop can see it (the pieces in their cart, in the colours chosen), and
how a product goes with it: by what an outfit's pieces are scored by (`outfit_sets`).

"Which of these goes best with what I've bought?" ranks a list by it (`choosing`); "does it go with my jeans?" of
one product is settled by it (`suitability`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from catalog.schema import Product
from common.garment_kinds import layer_of

from assistant.outfit_sets import color_grade, color_harmony, pair_score
from assistant.state import DialogueState

Owned = tuple[Product, "str | None"]   # a piece the shopper has (in their cart) and the colour they have it in
Held = tuple["Product | None", "str | None"]   # a piece the shopper has: in their cart (an `Owned`), or said, by colour


def owned(catalog: Any, state: DialogueState) -> tuple[Owned, ...]:
    """The pieces in the shopper's cart, in the colours they are in it: all the shop knows of what they have."""
    if catalog is None:
        return ()
    return tuple((catalog.products[line.product_id], line.color) for line in state.cart
                 if line.product_id in catalog.products)


# Layers of which one is worn at a time: trousers instead of jeans, a dress instead of a skirt.
ONE_AT_A_TIME = frozenset({"lower", "full"})


def worn_instead(category: str, other: str) -> bool:
    """Whether a piece of one kind is worn instead of the other, not with it: the black jeans in the cart were said to
    go best with themselves, and grey trousers with them."""
    return category == other or {layer_of(category), layer_of(other)} <= ONE_AT_A_TIME


def pieces_to_pair(product: Product, own: Sequence[Owned]) -> tuple[Owned, ...]:
    """The shopper's pieces the product would be worn with (`worn_instead`)."""
    return tuple((piece, color) for piece, color in own if not worn_instead(product.category, piece.category))


def best_pairing(product: Product, own: Sequence[Owned]) -> tuple[float, str | None, Owned] | None:
    """The product's colour and the shopper's piece of another kind that go best together, and how well; None when
    nothing of theirs to wear it with is known."""
    return max(((pair_score(product, color, piece, piece_color), color, (piece, piece_color))
                for piece, piece_color in pieces_to_pair(product, own)
                for color in (product.colors or (None,))),
               key=lambda found: found[0], default=None)


def goes_with(product: Product, own: Sequence[Owned]) -> float | None:
    """How well the product goes with the shopper's own pieces (`best_pairing`); None when nothing of theirs to wear
    it with is known."""
    best = best_pairing(product, own)
    return None if best is None else best[0]


def graded(product: Product, own: Sequence[Held]) -> tuple[str | None, tuple[tuple[str | None, Held], ...]]:
    """The product's colour that goes best with all the pieces together, and how that colour goes with each
    (`outfit_sets.color_grade`): a product is bought in one colour and worn with every piece. A piece known only by
    the colour said of it ("my black jeans") is weighed by that colour alone."""
    color = max(product.colors or (None,),
                key=lambda c: sum(color_harmony(c, piece_color) if piece is None else
                                  pair_score(product, c, piece, piece_color) for piece, piece_color in own))
    return color, tuple((color_grade(color, piece_color), (piece, piece_color)) for piece, piece_color in own)
