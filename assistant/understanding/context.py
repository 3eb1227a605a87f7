"""What understanding knows about the conversation so far (read by every stage, changed by none)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.slots import SearchRequest


@dataclass(frozen=True)
class ShownItem:
    position: int
    tags: frozenset[tuple[str, str]]   # (slot, value) pairs and ("word", title/brand word)
    price: float | None = None
    standings: tuple[tuple[str, float], ...] = ()   # (fact, how it stands): "the cheapest", "the warmest one"

    def standing(self, fact: str) -> float | None:
        return self.price if fact == "price" else dict(self.standings).get(fact)


@dataclass(frozen=True)
class Context:
    request: SearchRequest = field(default_factory=SearchRequest)
    last_ref: int | None = None      # where the product named last is on screen, if it is
    named_before: bool = False       # a product was named before, on screen or not (a list since replaced it)
    last_action: str | None = None   # the last product intent (try_on, compare, ...)
    asked_which: bool = False        # that act was asked back ("which one do you mean?"): a bare number answers it
    shown_count: int = 0
    shown_tags: tuple[frozenset[tuple[str, str]], ...] = ()   # (slot, value) pairs per shown position
    shown_prices: tuple[float | None, ...] = ()
    shown_standings: tuple[tuple[tuple[str, float], ...], ...] = ()
    last_refs: tuple[int, ...] = ()   # every position the last product turn named ("both", "the cheaper one")
    shown_from_photo: bool = False    # the list answers the shopper's garment photo: "it's striped" corrects its reading

    @property
    def has_request(self) -> bool:
        return not self.request.is_empty()

    def shown_items(self) -> tuple[ShownItem, ...]:
        prices = self.shown_prices or (None,) * len(self.shown_tags)
        standings = self.shown_standings or ((),) * len(self.shown_tags)
        return tuple(ShownItem(i, tags, price, stood)
                     for i, (tags, price, stood) in enumerate(zip(self.shown_tags, prices, standings), 1))
