"""The advice prompt for the products in view is evaluated between turns, never during one."""

from __future__ import annotations

import time

from assistant.advice import advice_prefix
from assistant.advice_prime import QUIET_S, AdvicePrimer


class Recording:
    """A backend that notes what it was asked to prime."""

    def __init__(self):
        self.primed: list = []

    def prime(self, messages, keep_going):
        self.primed.append(messages)
        return True


def test_the_prompt_for_the_products_in_view_is_primed_only_once_turns_are_quiet(demo_catalog):
    products = demo_catalog.rows[:3]
    backend = Recording()
    primer = AdvicePrimer(backend)
    with primer.turn():
        primer.want(products)
        time.sleep(2 * QUIET_S)
        assert backend.primed == []          # a turn is running: the cores are its own
    assert primer.idle(timeout=10)
    assert backend.primed == [advice_prefix(products)]
    assert all(p.title in backend.primed[0][1].content for p in products)
