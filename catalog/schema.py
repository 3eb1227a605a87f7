"""Product: the validated record every other module reads.

Unknown is not the same as zero: a price or a stock count the source did not give is
`None`, and filters treat it as "cannot promise", never as "free" or "in stock".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from catalog.vocabulary import CHILD_AUDIENCES, SIZES, canonical_value, garment_type, normalize_text


class Measure(BaseModel):
    """A body-measurement range in centimetres that a size fits."""

    model_config = ConfigDict(frozen=True)
    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> "Measure":
        if not 0 < self.low <= self.high:
            raise ValueError(f"measure range must satisfy 0 < low <= high, got {self.low}..{self.high}")
        return self


class SizeChartRow(BaseModel):
    """Body measurements (cm) one size is cut for; absent where it does not apply."""

    model_config = ConfigDict(frozen=True)
    chest: Measure | None = None
    waist: Measure | None = None
    hip: Measure | None = None
    height: Measure | None = None


class Variant(BaseModel):
    """One sellable colour x size; stock None means the source did not say."""

    model_config = ConfigDict(frozen=True)
    color: str | None = None
    size: str | None = None
    stock: int | None = None
    sku: str | None = None
    price: float | None = None

    @field_validator("stock")
    @classmethod
    def _stock_not_negative(cls, value: int | None) -> int | None:
        if value is not None and value < 0:
            raise ValueError("stock cannot be negative")
        return value

    @field_validator("size")
    @classmethod
    def _size_canonical(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return canonical_value("size", value) or value.strip()

    @property
    def in_stock(self) -> bool:
        return self.stock is not None and self.stock > 0


def _clean_tag(value: str) -> str:
    return normalize_text(value)


class Product(BaseModel):
    """A catalog product with canonical attributes, per-variant stock and a size chart."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    category: str = Field(min_length=1)
    kind: str | None = None       # the shop's own type ("track pants", "kurtas"); category is its canonical relation
    gender: str | None = None
    audience: str | None = None   # who it is for: the gender, or boys, girls, kids
    colors: tuple[str, ...] = ()
    pattern: str | None = None
    material: tuple[str, ...] = ()
    fit: str | None = None
    sleeve: str | None = None
    style: tuple[str, ...] = ()
    occasion: tuple[str, ...] = ()
    brand: str | None = None
    price: float | None = None
    currency: str = "USD"
    variants: tuple[Variant, ...] = ()
    size_chart: dict[str, SizeChartRow] = Field(default_factory=dict)
    garment_type: Literal["upper", "lower", "full", "none"] | None = None
    image: str | None = None
    color_images: dict[str, str] = Field(default_factory=dict)

    @field_validator("category", "gender", "audience", "pattern", "fit", "sleeve", mode="before")
    @classmethod
    def _single_canonical(cls, value: object, info) -> object:
        if value is None or not isinstance(value, str):
            return value
        slot = "gender" if info.field_name == "audience" else info.field_name
        return canonical_value(slot, value) or _clean_tag(value) or None

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_text(cls, value: object) -> object:
        return _clean_tag(value) or None if isinstance(value, str) else value

    @field_validator("colors", "material", "style", "occasion", mode="before")
    @classmethod
    def _list_canonical(cls, value: object, info) -> object:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        slot = "color" if info.field_name == "colors" else info.field_name
        out: list[str] = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                continue
            canon = canonical_value(slot, item) or _clean_tag(item)
            if canon not in out:
                out.append(canon)
        return tuple(out)

    @field_validator("price")
    @classmethod
    def _price_sane(cls, value: float | None) -> float | None:
        if value is not None and not (0 <= value < 1e7):
            raise ValueError(f"price {value} is out of range")
        return value

    @field_validator("currency")
    @classmethod
    def _currency_code(cls, value: str) -> str:
        code = value.strip().upper()
        if not (len(code) == 3 and code.isalpha()):
            raise ValueError(f"currency must be a 3-letter code, got {value!r}")
        return code

    @model_validator(mode="after")
    def _derive_and_check(self) -> "Product":
        if self.garment_type is None:
            object.__setattr__(self, "garment_type", garment_type(self.category))
        if self.gender in CHILD_AUDIENCES:
            object.__setattr__(self, "audience", self.audience or self.gender)
            object.__setattr__(self, "gender", CHILD_AUDIENCES[self.gender])
        if self.audience is None:
            object.__setattr__(self, "audience", self.gender)
        for variant in self.variants:
            if variant.color is not None and self.colors and variant.color not in self.colors:
                raise ValueError(f"variant colour {variant.color!r} is not one of the product colours {list(self.colors)}")
        return self

    @property
    def sizes(self) -> tuple[str, ...]:
        """Every size the product is made in, in canonical order, stocked or not."""
        seen = {v.size for v in self.variants if v.size}
        return tuple(sorted(seen, key=size_order))

    def sizes_in_stock(self, colors: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
        """Sizes with known positive stock, in any of `colors` (any colour when empty)."""
        wanted = set(colors)
        seen = {
            v.size for v in self.variants
            if v.size and v.in_stock and (not wanted or v.color is None or v.color in wanted)
        }
        return tuple(sorted(seen, key=size_order))

    def variant_prices(self, colors: tuple[str, ...] | list[str] = (), size: str | None = None) -> list[float]:
        """Known prices of the variants in any of `colors` (and in `size`, in stock); variants may be priced apart."""
        wanted = set(colors)
        prices = []
        for v in self.variants:
            if (not wanted or v.color is None or v.color in wanted) and (size is None or (v.size == size and v.in_stock)):
                price = v.price if v.price is not None else self.price
                if price is not None:
                    prices.append(price)
        return prices

    def price_for(self, colors: tuple[str, ...] | list[str] = (), size: str | None = None) -> float | None:
        """What a shopper pays for the asked colour (and size, when in stock): the cheapest fitting variant.

        A size that is not in stock names no variant, so the colour's price stands; with
        no variant in the colour either, `price`, the cheapest of all.
        """
        prices = self.variant_prices(colors, size) if size is not None else []
        prices = prices or self.variant_prices(colors)
        return min(prices) if prices else self.price

    def stock_known(self) -> bool:
        return any(v.stock is not None for v in self.variants)

    def image_for(self, color: str | None = None) -> str | None:
        """The product photo to show (and try on) for a colour, falling back to the main one."""
        if color and color in self.color_images:
            return self.color_images[color]
        return self.image

    @property
    def own_type(self) -> str:
        """The type the shop files it under: its own word, else its category."""
        return self.kind or self.category

    def values(self, slot: str) -> tuple[str, ...]:
        """The product's searchable values for a slot, uniformly as a tuple.

        A category is found by its canonical word and by the shop's own type; the gender
        slot searches who it is for, so boys' clothes are not men's; a brand in lower case.
        """
        if slot == "color":
            return self.colors
        if slot in ("material", "style", "occasion"):
            return getattr(self, slot)
        if slot == "category":
            return tuple(dict.fromkeys((self.category, self.own_type)))
        if slot == "brand":   # "from kestrel", "--brand Kestrel": the shop's name for it, in any case
            return (self.brand.strip().lower(),) if self.brand and self.brand.strip() else ()
        value = self.audience if slot == "gender" else getattr(self, slot, None)
        return (value,) if value else ()


CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥"}


def money(value: float | None, currency: str = "USD") -> str:
    """A price as shoppers read it: "$59", "$59.99", "15 CHF"; unknown says so."""
    if value is None:
        return "price on request"
    symbol = CURRENCY_SYMBOLS.get(currency)
    amount = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def size_order(size: str) -> tuple[int, str]:
    """Sizes smallest first: the canonical ones in their order, a shop's own after them."""
    return (SIZES.index(size), size) if size in SIZES else (len(SIZES), size)
