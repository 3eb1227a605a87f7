"""The words of answers to a choice among the shown products (`replies_choice`), English and Chinese."""

from __future__ import annotations

CHOICE_TEMPLATES: dict[str, dict[str, str]] = {
    "choose_price_low": {"en": "The cheapest of these is {names}, at {value}.", "zh": "其中最便宜的是{names}，{value}。"},
    "choose_price_low_tie": {"en": "Equally the cheapest of these, at {value}: {names}.", "zh": "并列最便宜（{value}）：{names}。"},
    "choose_price_high": {"en": "The most expensive of these is {names}, at {value}.", "zh": "其中最贵的是{names}，{value}。"},
    "choose_price_high_tie": {"en": "Equally the most expensive of these, at {value}: {names}.",
                              "zh": "并列最贵（{value}）：{names}。"},
    "choose_warmth_high": {"en": "The warmest of these is {names}.", "zh": "其中最保暖的是{names}。"},
    "choose_warmth_high_tie": {"en": "By their fabric, sleeves and kind, these are equally the warmest: {names}.",
                               "zh": "按面料、袖长和款式，这几件同样最保暖：{names}。"},
    "choose_warmth_low": {"en": "The coolest to wear of these is {names}.", "zh": "其中穿着最凉快的是{names}。"},
    "choose_warmth_low_tie": {"en": "By their fabric, sleeves and kind, these are equally the coolest to wear: {names}.",
                              "zh": "按面料、袖长和款式，这几件同样最凉快：{names}。"},
    "choose_price_low_two": {"en": "The cheaper of the two is {names}, at {value}.", "zh": "两件中更便宜的是{names}，{value}。"},
    "choose_price_high_two": {"en": "The pricier of the two is {names}, at {value}.", "zh": "两件中更贵的是{names}，{value}。"},
    "choose_warmth_high_two": {"en": "The warmer of the two is {names}.", "zh": "两件中更保暖的是{names}。"},
    "choose_warmth_low_two": {"en": "The cooler to wear of the two is {names}.", "zh": "两件中穿着更凉快的是{names}。"},
    "choose_match_high": {"en": "Of these, {names} goes best with what's in your cart.",
                          "zh": "其中和你购物车里的单品最搭的是{names}。"},
    "choose_match_high_tie": {"en": "These go equally well with what's in your cart: {names}.",
                              "zh": "这几件和你购物车里的单品同样搭：{names}。"},
    "choose_match_high_two": {"en": "Of the two, {names} goes better with what's in your cart.",
                              "zh": "两件中和你购物车里的单品更搭的是{names}。"},
    "choose_unknown_match": {"en": "Your cart is empty, so I can't see what you already have. Tell me a piece you'll "
                                   "wear it with (\"which goes with black jeans?\") or add what you're buying, and "
                                   "I'll pick the one that goes best.",
                             "zh": "你的购物车是空的，我看不到你已经有哪些衣服。告诉我你打算搭配的单品（比如“哪件配黑色牛仔裤？”），"
                                   "或者先把要买的加入购物车，我再帮你挑最搭的一件。"},
    "choose_unknown_match_kind": {"en": "Your cart holds nothing to wear these with, only pieces of the same kind. "
                                        "Tell me a piece you'll wear it with (\"which goes with black jeans?\") and "
                                        "I'll pick the one that goes best.",
                                  "zh": "你的购物车里只有同类的单品，没有可以和这些搭配的。告诉我你打算搭配的单品（比如“哪件配黑色牛仔裤？”），"
                                        "我再帮你挑最搭的一件。"},
    "match_why": {"en": "its {color} with your {own_color} {own}", "zh": "它的{color}配你的{own_color}{own}"},
    "match_why_plain": {"en": "with your {own}", "zh": "配你的{own}"},
    "choose_unknown_price": {"en": "The catalog lists no price for these, so I can't say which costs less.",
                             "zh": "目录里没有这些商品的价格，没法比较哪件更便宜。"},
    "choose_unknown_warmth": {"en": "The catalog doesn't give the fabric or kind of these, so I can't tell which is warmer.",
                              "zh": "目录里没有这些商品的面料或款式信息，没法判断哪件更保暖。"},
    "choose_unknown_rating": {"en": "The catalog has no ratings or reviews for these, so I can't say which is best rated.",
                              "zh": "目录里没有这些商品的评分或评价，没法判断哪件评价最好。"},
    "choose_has": {"en": "Of these, {asked}: {names}.", "zh": "其中{asked}的：{names}。"},
    "choose_none": {"en": "None of these is {asked}.", "zh": "这几件都不是{asked}的。"},
    "choose_part": {"en": "None of these is {asked}. Closest, {got}: {names}.",
                    "zh": "这几件都不是{asked}的。最接近的（{got}）：{names}。"},
    "asked_size": {"en": "in stock in {value}", "zh": "有{value}码现货"},
    "asked_color": {"en": "available in {value}", "zh": "有{value}"},
    "asked_material": {"en": "made of {value}", "zh": "{value}面料"},
    "asked_occasion": {"en": "listed for {value} wear", "zh": "适合{value}"},
    "asked_other": {"en": "{value}", "zh": "{value}"},
    "named": {"en": "#{position} {title}", "zh": "#{position} {title}"},
    "named_why": {"en": "#{position} {title} ({why})", "zh": "#{position} {title}（{why}）"},
}
