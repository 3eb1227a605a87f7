"""Property: whatever the conversation, a reply names no price and no number that is not in
the data of the products involved or in what the shopper asked (real manager, real catalog)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.manager import Assistant
from assistant.understanding import Understander
from catalog.schema import money

CATEGORIES = ["shirt", "dress", "jeans", "hoodie", "jacket", "skirt", "t-shirt", "coat"]
COLORS = ["black", "navy", "red", "white", "green", "beige"]
ZH = {"shirt": "衬衫", "dress": "连衣裙", "jeans": "牛仔裤", "hoodie": "卫衣", "jacket": "夹克", "skirt": "半身裙",
      "t-shirt": "T恤", "coat": "大衣", "black": "黑色", "navy": "藏青色", "red": "红色", "white": "白色",
      "green": "绿色", "beige": "米色"}

price = st.integers(5, 400)
search = st.one_of(
    st.builds(lambda c, k, n: f"{c} {k} under ${n}", st.sampled_from(COLORS), st.sampled_from(CATEGORIES), price),
    st.builds(lambda k, a, b: f"{k} between {a} and {a + b} dollars", st.sampled_from(CATEGORIES), price, price),
    st.builds(lambda c, k, n: f"{ZH[c]}{ZH[k]}，{n}元以内", st.sampled_from(COLORS), st.sampled_from(CATEGORIES), price),
    st.builds(lambda k, s: f"{k} in size {s}, no polyester", st.sampled_from(CATEGORIES), st.sampled_from("SML")),
)
follow_up = st.one_of(
    st.sampled_from([
        "cheaper", "something pricier", "show me more", "tell me about the second one", "compare 1 and 3",
        "add the first one to my cart", "what's in my cart?", "start over", "try the last one on me",
        "第一件是什么面料", "把第二件加入购物车", "thanks!", "in size L", "a size bigger",
    ]),
    st.builds(lambda n: f"which size for the first one? my chest is {n} cm", st.integers(70, 130)),
    st.builds(lambda h, w: f"我身高{h}，体重{w}公斤，穿什么码", st.integers(150, 195), st.integers(45, 110)),
    st.builds(lambda n: f"under {n} please", price),
)
conversation = st.tuples(search, st.lists(follow_up, min_size=1, max_size=5)).map(lambda t: [t[0], *t[1]])

MONEY = re.compile(r"[$€£¥]\d+(?:,\d{3})*(?:\.\d+)?|\d+(?:,\d{3})*(?:\.\d+)? [A-Z]{3}\b")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog))


def _numbers(text: str) -> set[float]:
    return {float(n) for n in NUMBER.findall(text.replace(",", ""))}


def _product_facts(product) -> tuple[set[str], set[float]]:
    prices = {money(product.price, product.currency)} | {money(p, product.currency) for p in product.variant_prices()}
    numbers = _numbers(product.title) | _numbers(product.description) | _numbers(f"{product.price}")
    for row in product.size_chart.values():
        for band in (row.chest, row.waist, row.hip, row.height):
            if band is not None:
                numbers |= {round(band.low), round(band.high)}
    return prices, numbers


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(conversation)
def test_replies_name_only_prices_and_numbers_from_the_data_or_the_request(assistant, messages):
    session = assistant.session()
    said: set[float] = set()
    for message in messages:
        turn = session.handle(message)
        state = turn.state
        said |= _numbers(message) | {round(v) for v in turn.understanding.measurements.as_dict().values()}
        involved = list(turn.products) + [assistant.catalog.products[line.product_id] for line in state.cart]
        if turn.action.kind == "size_help" and not turn.products:   # advice from the category's usual chart
            shown = {assistant.catalog.products[s.product_id].category for s in state.shown}
            involved += [p for p in assistant.catalog.rows if p.category in shown | {state.request.category}]
        prices: set[str] = set()
        numbers: set[float] = set(said) | set(range(0, len(state.shown) + 1)) | {sum(l.qty for l in state.cart)}
        for product in involved:
            product_prices, product_numbers = _product_facts(product)
            prices |= product_prices
            numbers |= product_numbers
        total = sum((assistant.catalog.products[l.product_id].price or 0) * l.qty for l in state.cart)
        # an outfit's total is its pieces' prices added up; its budget is the one the turn says
        outfits = [sum(assistant.catalog.products[state.resolve(p)].price for p in group) for group in state.outfits]
        asked = [state.request.min_price, state.request.max_price, state.soft_max_price, state.soft_min_price,
                 turn.understanding.stated.max_price if turn.action.kind == "build_outfit" else None]
        prices |= {money(v) for v in [total, *outfits, *asked] if v is not None}
        for amount in MONEY.findall(turn.text):
            assert amount in prices, (message, amount, turn.text)
        for amount in prices:
            numbers |= _numbers(amount)
        for number in _numbers(turn.text):
            assert number in numbers, (message, number, turn.text)
