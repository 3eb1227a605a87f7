"""Hard filters, vector ranking and honest relaxation.

A product is shown only if every active constraint holds for it: the size in stock (in
an asked colour when colours are asked), the price inside the range (an unknown price
is never inside), no excluded value. When nothing satisfies them all, the fewest and
least important constraints are dropped, and the result says which.

A category value is read most specifically first: the shop's own type when the catalog
files products under it ("track pants" are only track pants, "tops" only the shop's Tops),
else a canonical category with every fine type related to it ("trousers" includes track
pants), else a broad word's whole group ("bottoms"). An audience serves who it includes
(unisex clothes fit men; boys' clothes are never men's).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from catalog.schema import Product, money
from catalog.vocabulary import AUDIENCE_ALSO, CATEGORY_GROUPS

VALUE_SLOTS: tuple[str, ...] = (
    "category", "color", "gender", "fit", "material", "pattern", "sleeve", "style", "occasion", "brand",
)
# Cost of dropping a constraint: shoppers give up an occasion tag long before a category.
RELAX_COST: dict[str, int] = {
    "occasion": 1, "style": 1, "pattern": 2, "sleeve": 2, "material": 3, "fit": 3,
    "color": 4, "min_price": 5, "max_price": 5, "size": 6, "gender": 7, "brand": 8, "category": 9,
}
MAX_RELAXED_TOGETHER = 3
_UNSPECIFIED_COLOR = "\0unspecified"


@dataclass(frozen=True)
class Filters:
    """What a shown product must satisfy; empty tuples and None mean "no constraint"."""

    category: tuple[str, ...] = ()
    color: tuple[str, ...] = ()
    size: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    gender: tuple[str, ...] = ()
    fit: tuple[str, ...] = ()
    material: tuple[str, ...] = ()
    pattern: tuple[str, ...] = ()
    sleeve: tuple[str, ...] = ()
    style: tuple[str, ...] = ()
    occasion: tuple[str, ...] = ()
    brand: tuple[str, ...] = ()     # lower case, as `Product.values` gives it
    exclude: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    hard: frozenset[str] = frozenset()   # slots never relaxed (the shopper's size, stated budget)

    def __post_init__(self) -> None:
        for slot in VALUE_SLOTS:
            value = getattr(self, slot)
            if isinstance(value, str):
                object.__setattr__(self, slot, (value,))
        unknown = set(self.exclude) - set(VALUE_SLOTS)
        if unknown:
            raise ValueError(f"cannot exclude on {sorted(unknown)}; excludable: {list(VALUE_SLOTS)}")
        object.__setattr__(self, "exclude", {k: tuple(v) for k, v in self.exclude.items() if v})

    def constraints(self) -> list["Constraint"]:
        found = [Constraint(slot, getattr(self, slot)) for slot in VALUE_SLOTS if getattr(self, slot)]
        if self.size:
            found.append(Constraint("size", self.size))
        if self.min_price is not None:
            found.append(Constraint("min_price", float(self.min_price)))
        if self.max_price is not None:
            found.append(Constraint("max_price", float(self.max_price)))
        return found


@dataclass(frozen=True)
class Constraint:
    slot: str
    value: object

    def describe(self, currency: str = "USD") -> str:
        if self.slot == "max_price":
            return f"under {money(self.value, currency)}"
        if self.slot == "min_price":
            return f"from {money(self.value, currency)}"
        if self.slot == "size":
            return f"size {self.value}"
        values = " or ".join(self.value)
        if self.slot == "fit":
            return f"{values} fit"
        if self.slot == "sleeve":
            return f"{values} sleeves" if values != "sleeveless" else values
        return values


@dataclass(frozen=True)
class Hit:
    product: Product
    score: float
    matched: tuple[str, ...]


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[Hit, ...]
    relaxed: tuple[Constraint, ...]
    total: int


class AttributeTable:
    """Columnar bitsets of every product's attributes, so a filter is a few numpy ops even at 1M rows."""

    def __init__(self, products: Sequence[Product]):
        self.count = len(products)
        self.codes: dict[str, dict[str, int]] = {}
        self.bits: dict[str, np.ndarray] = {}
        for slot in VALUE_SLOTS:
            values = sorted({v for p in products for v in p.values(slot)})
            if slot == "color":
                values.append(_UNSPECIFIED_COLOR)
            self.codes[slot] = {value: i for i, value in enumerate(values)}
            self.bits[slot] = self._pack(slot, [p.values(slot) for p in products])
        # The type each product is filed under, in the category codes: a named type selects only its own.
        self.own_types = frozenset(p.own_type for p in products)
        self.kind_bits = self._pack("category", [(p.own_type,) for p in products])
        # Cheapest and dearest variant per product: a price bound selects a superset of the
        # products that can meet it, and `exact_variants` settles the ones priced apart.
        self.price_low = np.full(self.count, np.nan)
        self.price_high = np.full(self.count, np.nan)
        self.priced_apart: dict[int, Product] = {}
        for row, product in enumerate(products):
            prices = set(product.variant_prices()) or ({product.price} - {None})
            if prices:
                self.price_low[row], self.price_high[row] = min(prices), max(prices)
            if len(prices) > 1:
                self.priced_apart[row] = product
        self._apart_rows = np.fromiter(self.priced_apart, dtype=np.int64, count=len(self.priced_apart))
        self.stock = self._stock_bits(products)

    def _layout(self, slot: str) -> tuple[type, int, int]:
        """(dtype, bits per word, words): the narrowest integers that hold the slot's values.

        A category needs 16 bits, not 64: the filter then streams a quarter of the memory.
        """
        count = len(self.codes[slot])
        for dtype, width in ((np.uint8, 8), (np.uint16, 16), (np.uint32, 32)):
            if count <= width:
                return dtype, width, 1
        return np.uint64, 64, (count + 63) // 64

    def _pack(self, slot: str, rows: Sequence[Sequence[str]]) -> np.ndarray:
        dtype, width, words = self._layout(slot)
        out = np.zeros((len(rows), words), dtype=dtype)
        codes = self.codes[slot]
        for row, values in enumerate(rows):
            for value in values:
                code = codes[value]
                out[row, code // width] |= dtype(1 << (code % width))
        return out

    def _stock_bits(self, products: Sequence[Product]) -> dict[str, np.ndarray]:
        in_stock: dict[str, list[tuple[int, list[str]]]] = {}
        for row, product in enumerate(products):
            for variant in product.variants:
                if not (variant.size and variant.in_stock):
                    continue
                colors = [variant.color] if variant.color else list(product.colors) or [_UNSPECIFIED_COLOR]
                in_stock.setdefault(variant.size, []).append((row, colors))
        stock = {}
        for size, entries in in_stock.items():
            rows = [[] for _ in range(self.count)]
            for row, colors in entries:
                rows[row].extend(colors)
            stock[size] = self._pack("color", rows)
        return stock

    def value_mask(self, slot: str, values: Sequence[str]) -> np.ndarray:
        """Rows holding any of `values` in `slot`; values no product has select nothing."""
        want = self._want(slot, values)
        return _any_bits(self.bits[slot], want)

    def category_mask(self, values: Sequence[str]) -> np.ndarray:
        """Rows of the asked categories, each read most specifically (see the module docstring)."""
        mask = np.zeros(self.count, dtype=bool)
        for value in values:
            if value in self.own_types:
                mask |= _any_bits(self.kind_bits, self._want("category", [value]))
            elif value in CATEGORY_GROUPS:
                mask |= self.value_mask("category", CATEGORY_GROUPS[value][0])
            else:
                mask |= self.value_mask("category", [value])
        return mask

    def _want(self, slot: str, values: Sequence[str]) -> np.ndarray:
        dtype, width, words = self._layout(slot)
        want = np.zeros(words, dtype=dtype)
        for value in values:
            code = self.codes[slot].get(value)
            if code is not None:
                want[code // width] |= dtype(1 << (code % width))
        return want

    def size_mask(self, size: str, colors: Sequence[str] = ()) -> np.ndarray:
        stocked = self.stock.get(size)
        if stocked is None:
            return np.zeros(self.count, dtype=bool)
        if not colors:
            return stocked[:, 0] != 0 if stocked.shape[1] == 1 else stocked.any(axis=1)
        return _any_bits(stocked, self._want("color", colors))

    def constraint_mask(self, constraint: Constraint, colors: Sequence[str] = ()) -> np.ndarray:
        if constraint.slot == "size":
            return self.size_mask(constraint.value, colors)
        if constraint.slot == "max_price":
            return self.price_low <= constraint.value
        if constraint.slot == "min_price":
            return self.price_high >= constraint.value
        if constraint.slot == "category":
            return self.category_mask(constraint.value)
        if constraint.slot == "gender":
            return self.value_mask("gender", [v for value in constraint.value for v in (value, *AUDIENCE_ALSO.get(value, ()))])
        return self.value_mask(constraint.slot, constraint.value)

    def exact_variants(self, mask: np.ndarray, active: Sequence[Constraint]) -> None:
        """Drop (in place) products priced apart whose price bound no fitting variant meets.

        "Navy, under $30" must not show a tee whose black variant is on sale for $28 while
        the navy one costs $35: colour, size and price have to hold for one variant.
        """
        bounds = {c.slot: c.value for c in active if c.slot in ("min_price", "max_price")}
        if not bounds or not self.priced_apart:
            return
        colors = next((tuple(c.value) for c in active if c.slot == "color"), ())
        size = next((c.value for c in active if c.slot == "size"), None)
        low, high = bounds.get("min_price", -np.inf), bounds.get("max_price", np.inf)
        for row in self._apart_rows[mask[self._apart_rows]]:
            if not any(low <= price <= high for price in self.priced_apart[row].variant_prices(colors, size)):
                mask[row] = False

    def exclusion_mask(self, exclude: Mapping[str, Sequence[str]]) -> np.ndarray:
        keep = np.ones(self.count, dtype=bool)
        for slot, values in exclude.items():
            keep &= ~(self.category_mask(values) if slot == "category" else self.value_mask(slot, values))
        return keep


def _any_bits(bits: np.ndarray, want: np.ndarray) -> np.ndarray:
    if bits.shape[1] == 1:
        return (bits[:, 0] & want[0]) != 0
    return ((bits & want) != 0).any(axis=1)


def plan_mask(table: AttributeTable, filters: Filters) -> tuple[np.ndarray, tuple[Constraint, ...]]:
    """The rows to rank and the constraints dropped to get any (none when all hold).

    Exclusions are never dropped: a shopper who said "no polyester" never sees polyester;
    nor is any slot in `filters.hard` (no rows at all is then the honest answer). Up to three
    constraints are tried in every combination, cheapest first; past that they are dropped
    one by one in order of cost.
    """
    keep = table.exclusion_mask(filters.exclude)
    constraints = filters.constraints()
    if not constraints:
        return keep, ()
    masks = [table.constraint_mask(c, filters.color) for c in constraints]
    size_any_colour = table.size_mask(filters.size) if filters.size else None
    colour_at = next((i for i, c in enumerate(constraints) if c.slot == "color"), None)

    def mask_without(dropped: set[int]) -> np.ndarray:
        mask = keep.copy()
        for i, (constraint, constraint_mask) in enumerate(zip(constraints, masks)):
            if i in dropped:
                continue
            if constraint.slot == "size" and colour_at in dropped:
                constraint_mask = size_any_colour
            mask &= constraint_mask
        table.exact_variants(mask, [c for i, c in enumerate(constraints) if i not in dropped])
        return mask

    full = mask_without(set())
    if full.any():
        return full, ()
    soft = [i for i, c in enumerate(constraints) if c.slot not in filters.hard]
    combos = sorted(
        (len(dropped), sum(RELAX_COST[constraints[i].slot] for i in dropped), dropped)
        for size in range(1, min(MAX_RELAXED_TOGETHER, len(soft)) + 1)
        for dropped in itertools.combinations(soft, size)
    )
    for _, _, dropped in combos:
        mask = mask_without(set(dropped))
        if mask.any():
            return mask, tuple(constraints[i] for i in dropped)
    by_cost = sorted(soft, key=lambda i: RELAX_COST[constraints[i].slot])
    for count in range(MAX_RELAXED_TOGETHER + 1, len(soft) + 1):
        dropped = set(by_cost[:count])
        mask = mask_without(dropped)
        if mask.any():
            return mask, tuple(constraints[i] for i in sorted(dropped))
    if len(soft) < len(constraints):
        return np.zeros_like(keep), ()
    return keep, tuple(constraints)


def meets(product: Product, slot: str, asked: Sequence[str]) -> tuple[str, ...]:
    """The asked values a product answers to: its own type or category, a broad word whose group
    holds it, an audience that includes who it is for (a unisex shirt answers "men")."""
    have = set(product.values(slot))
    if slot == "category":
        have |= {group for group, (members, _) in CATEGORY_GROUPS.items() if product.category in members}
    if slot == "gender":
        return tuple(v for v in asked if have & {v, *AUDIENCE_ALSO.get(v, ())})
    return tuple(v for v in asked if v in have)


def differences(product: Product, filters: Filters) -> tuple[Constraint, ...]:
    """The asked constraints a product misses, so a near miss can be shown with what differs.
    Size and price are judged in the asked colours the product comes in (any, if none)."""
    colors = tuple(c for c in filters.color if c in product.colors)
    missed: list[Constraint] = []
    for constraint in filters.constraints():
        slot = constraint.slot
        if slot in VALUE_SLOTS:
            if not meets(product, slot, constraint.value):
                missed.append(constraint)
        elif slot == "size":
            if not product.stock_known() or filters.size not in product.sizes_in_stock(colors):
                missed.append(constraint)
    price = product.price_for(colors, filters.size)
    if filters.max_price is not None and (price is None or price > filters.max_price):
        missed.append(Constraint("max_price", float(filters.max_price)))
    if filters.min_price is not None and (price is None or price < filters.min_price):
        missed.append(Constraint("min_price", float(filters.min_price)))
    return tuple(missed)


def explain_match(product: Product, filters: Filters, relaxed: Sequence[Constraint]) -> tuple[str, ...]:
    """Human reasons a shown product fits, built from its own data."""
    dropped = {c.slot for c in relaxed}
    reasons: list[str] = []
    for slot in VALUE_SLOTS:
        asked = getattr(filters, slot)
        if asked and slot not in dropped:
            hits = meets(product, slot, asked)
            if hits:
                reasons.append(f"{slot}: {', '.join(hits)}")
    if filters.size and "size" not in dropped:
        colors = filters.color if "color" not in dropped else ()
        if filters.size in product.sizes_in_stock(colors):
            reasons.append(f"size {filters.size} in stock")
    price = product.price_for(filters.color if "color" not in dropped else (),
                              filters.size if "size" not in dropped and filters.size else None)
    if price is not None:
        if filters.max_price is not None and "max_price" not in dropped and price <= filters.max_price:
            reasons.append(f"price {money(price, product.currency)} within budget")
        if filters.min_price is not None and "min_price" not in dropped and price >= filters.min_price:
            reasons.append(f"price {money(price, product.currency)} from {money(filters.min_price, product.currency)}")
    for slot, values in filters.exclude.items():
        reasons.append(f"not {' / '.join(values)} ({slot})")
    return tuple(reasons)
