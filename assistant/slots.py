"""The typed search request a conversation builds up, and its canonical JSON shape.

One request object is the single source of truth for "what the shopper currently
wants"; the eval, the catalog filters and the replies all read it, so its JSON form
follows the eval README exactly: absent = unset, `exclude` absent when empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from catalog.vocabulary import LIST_SLOTS, SLOT_VALUES, SIZES

# Canonical key order of the eval README (category first, exclude last).
SLOT_ORDER: tuple[str, ...] = (
    "category", "color", "size", "fit", "material", "pattern", "sleeve", "style",
    "occasion", "gender", "min_price", "max_price",
)
ATTRIBUTE_SLOTS: tuple[str, ...] = tuple(SLOT_VALUES)


def _number(value: float) -> int | float:
    """Prices print as integers when they are whole, as the eval writes them."""
    return int(value) if float(value).is_integer() else round(float(value), 2)


@dataclass(frozen=True)
class SearchRequest:
    """What the shopper asks for; list slots hold alternatives (navy OR grey)."""

    category: str | None = None
    color: tuple[str, ...] = ()
    size: str | None = None
    fit: str | None = None
    material: tuple[str, ...] = ()
    pattern: tuple[str, ...] = ()
    sleeve: str | None = None
    style: tuple[str, ...] = ()
    occasion: tuple[str, ...] = ()
    gender: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    # the shop's brands, in lower case (`Product.values`). A catalog's own names, not the eval's vocabulary: left out
    # of the canonical JSON, which the eval scores slot by slot
    brand: tuple[str, ...] = ()
    exclude: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def get(self, slot: str) -> tuple[str, ...]:
        """A slot's values uniformly as a tuple (empty when unset)."""
        value = getattr(self, slot)
        if slot in LIST_SLOTS:
            return value
        return (value,) if value is not None else ()

    def with_values(self, slot: str, values: tuple[str, ...]) -> "SearchRequest":
        """A copy with `slot` set to `values` (first value for single slots, unset when empty)."""
        if slot in LIST_SLOTS:
            return replace(self, **{slot: tuple(dict.fromkeys(values))})
        return replace(self, **{slot: values[0] if values else None})

    def is_empty(self) -> bool:
        """Nothing asked for: no slot of the canonical JSON, and no brand (which that JSON leaves out)."""
        return not self.to_canonical() and not self.brand

    def to_canonical(self) -> dict[str, Any]:
        """The eval README's JSON shape: only set slots, in canonical order."""
        out: dict[str, Any] = {}
        for slot in SLOT_ORDER:
            value = getattr(self, slot)
            if value is None or value == ():
                continue
            if slot in ("min_price", "max_price"):
                out[slot] = _number(value)
            elif slot in LIST_SLOTS:
                out[slot] = list(value)
            else:
                out[slot] = value
        exclude = {slot: list(vals) for slot, vals in self.exclude.items() if vals}
        if exclude:
            out["exclude"] = {slot: exclude[slot] for slot in sorted(exclude, key=_slot_rank)}
        return out

    @classmethod
    def from_canonical(cls, data: Mapping[str, Any]) -> "SearchRequest":
        """Build from the canonical JSON shape (as a test or the eval file writes it)."""
        kwargs: dict[str, Any] = {}
        for slot in SLOT_ORDER:
            if slot not in data:
                continue
            value = data[slot]
            if slot in LIST_SLOTS:
                kwargs[slot] = tuple(value)
            elif slot in ("min_price", "max_price"):
                kwargs[slot] = float(value)
            else:
                kwargs[slot] = value
        exclude = data.get("exclude") or {}
        kwargs["exclude"] = {slot: tuple(vals) for slot, vals in exclude.items() if vals}
        return cls(**kwargs)

    def to_filters(self):
        """The catalog's hard filters for this request."""
        from catalog.search import Filters  # imported late: the catalog pulls in numpy/faiss

        def many(slot: str) -> tuple[str, ...]:
            return self.get(slot)

        return Filters(
            category=many("category"), color=self.color, size=self.size,
            min_price=self.min_price, max_price=self.max_price, gender=many("gender"),
            fit=many("fit"), material=self.material, pattern=self.pattern,
            sleeve=many("sleeve"), style=self.style, occasion=self.occasion, brand=self.brand,
            exclude={slot: tuple(vals) for slot, vals in self.exclude.items() if vals},
        )

    def describe(self) -> str:
        """A short English phrase of the request, used as the semantic query text."""
        parts: list[str] = []
        for slot in ("brand", "gender", "fit", "color", "pattern", "material", "style", "sleeve", "category"):
            values = self.get(slot)
            if not values:
                continue
            text = " or ".join(values)
            parts.append(f"{text} sleeve" if slot == "sleeve" else text)
        if self.occasion:
            parts.append("for " + " or ".join(self.occasion))
        return " ".join(parts)


def _slot_rank(slot: str) -> int:
    return SLOT_ORDER.index(slot) if slot in SLOT_ORDER else len(SLOT_ORDER)


def size_step(size: str, steps: int) -> str | None:
    """The canonical size `steps` away (positive = bigger), None past either end."""
    if size not in SIZES:
        return None
    index = SIZES.index(size) + steps
    return SIZES[index] if 0 <= index < len(SIZES) else None


__all__ = ["ATTRIBUTE_SLOTS", "SLOT_ORDER", "SearchRequest", "size_step"]
