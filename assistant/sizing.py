"""Size advice from body measurements and a size chart, with the reason kept for the reply.

The chart is the product's own (`Product.size_chart`: chest/waist/hip/height bands in cm
per size); with no product in view, the category's typical chart in the loaded catalog.
Measurements arrive in cm/kg already (inches, feet and pounds are converted when the
message is read). Every number the advice cites is either the shopper's or the chart's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from catalog.schema import Product, SizeChartRow
from catalog.vocabulary import SIZES

from assistant.slots import size_step
from assistant.understanding.model import Measurements

PARTS: tuple[str, ...] = ("chest", "waist", "hip", "height")
# Body-mass index bounds past which a height-only pick moves one size.
ROOMY_BMI = 27.0
SLIM_BMI = 18.5


@dataclass(frozen=True)
class BandMatch:
    """One measurement against one size's band: "your chest 98 cm is in M's 94–100 cm"."""

    part: str
    value: float
    size: str
    low: float
    high: float

    @property
    def inside(self) -> bool:
        return self.low <= self.value <= self.high


@dataclass(frozen=True)
class SizeAdvice:
    """The recommended size (None when more is needed), why, and what is missing."""

    size: str | None
    matches: tuple[BandMatch, ...] = ()
    weight_step: int = 0            # +1 / -1 when weight moved a height-only pick
    weight_kg: float | None = None
    missing: str | None = None      # "measurements" | "height" | "chart"
    usual: bool = False             # the size is the one the shopper said they wear, which the chart fits too


def _cost(row: SizeChartRow, measured: Mapping[str, float]) -> tuple[float, float, int]:
    """How far the measurements fall outside a size's bands and from their centres (in band
    widths), and how many were compared."""
    outside = off_centre = 0.0
    used = 0
    for part, value in measured.items():
        band = getattr(row, part)
        if band is None:
            continue
        used += 1
        width = max(band.high - band.low, 1.0)
        outside += max(band.low - value, value - band.high, 0.0) / width
        off_centre += abs(value - (band.low + band.high) / 2) / width
    return outside, off_centre, used


def recommend(chart: Mapping[str, SizeChartRow], m: Measurements, usual: str | None = None) -> SizeAdvice:
    """The chart's size whose bands the measurements fit best (see the ordering below); the size the shopper
    says they usually wear (`usual`) when the measurements are inside its bands too: bands overlap, and a
    168 cm shopper who wears M was told L, the band whose centre is nearer."""
    if not chart:
        return SizeAdvice(None, missing="chart")
    measured = {part: getattr(m, f"{part}_cm") for part in PARTS if getattr(m, f"{part}_cm") is not None}
    if not measured:
        return SizeAdvice(None, missing="height" if m.weight_kg is not None else "measurements")
    order = sorted(chart, key=lambda s: SIZES.index(s) if s in SIZES else len(SIZES))
    scored = [(size, *_cost(chart[size], measured)) for size in order]
    scored = [(outside, off_centre, -rank, size) for rank, (size, outside, off_centre, used) in enumerate(scored) if used]
    if not scored:
        return SizeAdvice(None, missing="measurements")
    # Inside every band first, then nearest the bands' centres; a full tie goes to the roomier size.
    size = min(scored)[3]
    fits_usual = any(outside == 0 and own == usual for outside, _, _, own in scored)
    size = usual if fits_usual else size
    row = chart[size]
    matches = tuple(
        BandMatch(part, value, size, getattr(row, part).low, getattr(row, part).high)
        for part, value in measured.items() if getattr(row, part) is not None
    )
    step = 0
    only_height = set(measured) == {"height"}
    if only_height and m.weight_kg is not None and not fits_usual:
        bmi = m.weight_kg / (measured["height"] / 100) ** 2
        step = 1 if bmi >= ROOMY_BMI else -1 if bmi < SLIM_BMI else 0
        moved = size_step(size, step) if step else None
        if moved in chart:
            size = moved
        else:
            step = 0
    return SizeAdvice(size, matches, weight_step=step, weight_kg=m.weight_kg, usual=fits_usual)


def typical_chart(products: Iterable[Product], category: str | None, gender: str | None = None) -> dict[str, SizeChartRow]:
    """The size chart most products of a category use; for men or women, their own cut before unisex."""
    if not category:
        return {}
    counts: Counter[tuple[bool, str]] = Counter()
    charts: dict[str, dict[str, SizeChartRow]] = {}
    for product in products:
        if product.category != category or not product.size_chart:
            continue
        if gender in ("men", "women") and product.gender not in (gender, "unisex"):
            continue
        key = repr(sorted((s, r.model_dump_json()) for s, r in product.size_chart.items()))
        counts[(product.gender == gender, key)] += 1
        charts.setdefault(key, dict(product.size_chart))
    if not counts:
        return {}
    (_, key), _ = max(counts.items(), key=lambda item: (item[0][0], item[1]))
    return charts[key]
