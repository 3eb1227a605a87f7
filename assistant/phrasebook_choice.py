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
    "choose_unknown_price": {"en": "The catalog lists no price for these, so I can't say which costs less.",
                             "zh": "目录里没有这些商品的价格，没法比较哪件更便宜。"},
    "choose_unknown_warmth": {"en": "The catalog doesn't give the fabric or kind of these, so I can't tell which is warmer.",
                              "zh": "目录里没有这些商品的面料或款式信息，没法判断哪件更保暖。"},
    "choose_has": {"en": "Of these, {asked}: {names}.", "zh": "其中{asked}的：{names}。"},
    "choose_none": {"en": "None of these is {asked}.", "zh": "这几件都不是{asked}的。"},
    "choose_part": {"en": "None of these is {asked}. Closest, {got}: {names}.",
                    "zh": "这几件都不是{asked}的。最接近的（{got}）：{names}。"},
    "asked_size": {"en": "in stock in {value}", "zh": "有{value}码现货"},
    "asked_color": {"en": "available in {value}", "zh": "有{value}"},
    "asked_material": {"en": "made of {value}", "zh": "{value}面料"},
    "asked_occasion": {"en": "listed for {value}", "zh": "适合{value}"},
    "asked_other": {"en": "{value}", "zh": "{value}"},
    "named": {"en": "#{position} {title}", "zh": "#{position} {title}"},
    "named_why": {"en": "#{position} {title} ({why})", "zh": "#{position} {title}（{why}）"},
}
