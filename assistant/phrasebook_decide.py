"""The words of a pick between products (`replies_decide`), English and Chinese.

Each `decide_<criterion>` is a clause about one product without its subject ("is in stock in your
size M"), so a pick's reasons join into one sentence and the tip reuses the same clause.
"""

from __future__ import annotations

DECIDE_TEMPLATES: dict[str, dict[str, str]] = {
    "decide_pick": {"en": "I'd go for #{position} {title}: it {reasons}.", "zh": "我会选第{position}件 {title}：它{reasons}。"},
    "decide_even": {"en": "On what you've told me they're even, so I'd go for the cheapest: #{position} {title}, at {price}.",
                    "zh": "按你说的条件它们差不多，那我选最便宜的：第{position}件 {title}，{price}。"},
    "decide_none_listed": {"en": "None of them is listed for {occasion} wear.", "zh": "这几件都没有标明适合{occasion}。"},
    "decide_tip": {"en": "If {what} matters more to you, #{position} {title} {clause}.",
                   "zh": "如果你更看重{what}，第{position}件 {title}{clause}。"},
    "decide_no_tip": {"en": "Nothing the shop lists favours the other one.", "zh": "店里列出的信息里，没有哪点更偏向另一件。"},
    "decide_ask_first": {"en": "To pick one for you I need to know what it's for: tell me the occasion, the weather or your "
                               "size. On price alone, #{position} {title} is the cheapest.",
                         "zh": "要帮你挑一件，我得知道用途：告诉我场合、天气或你的尺码。只看价格的话，第{position}件 {title} 最便宜。"},
    "decide_need_two": {"en": "Show me two or more products to choose between, and I'll pick one.",
                        "zh": "先给我看两件或以上的商品，我来帮你挑一件。"},
    "decide_size": {"en": "is in stock in your size {size}", "zh": "有你的{size}码现货"},
    "decide_occasion": {"en": "is listed for {occasion} wear", "zh": "店里列为{occasion}穿着"},
    "decide_weather_hot": {"en": "wears cooler in the heat ({facts})", "zh": "天热穿更凉快（{facts}）"},
    "decide_weather_cold": {"en": "keeps you warmer ({facts})", "zh": "更保暖（{facts}）"},
    "decide_budget": {"en": "is within your {budget} budget at {price}", "zh": "{price}，在你{budget}的预算内"},
    "decide_fit": {"en": "is the {fit} fit you asked for", "zh": "是你要的{fit}版型"},
    "decide_material": {"en": "is made of {material}, as you asked", "zh": "是你要的{material}面料"},
    "decide_style": {"en": "is {style} in style", "zh": "风格是{style}"},
    "decide_color": {"en": "comes in {color}", "zh": "有{color}"},
    "decide_price": {"en": "is {difference} cheaper, at {price}", "zh": "便宜{difference}，{price}"},
    "decide_what_size": {"en": "having your size", "zh": "尺码"},
    "decide_what_occasion": {"en": "the occasion", "zh": "场合"},
    "decide_what_weather": {"en": "the weather", "zh": "天气"},
    "decide_what_budget": {"en": "the budget", "zh": "预算"},
    "decide_what_fit": {"en": "the fit", "zh": "版型"},
    "decide_what_material": {"en": "the fabric", "zh": "面料"},
    "decide_what_style": {"en": "the style", "zh": "风格"},
    "decide_what_color": {"en": "the colour", "zh": "颜色"},
    "decide_what_price": {"en": "the price", "zh": "价格"},
}
