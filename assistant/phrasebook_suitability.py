"""The verdicts settled from a product's facts (weather, a piece worn with it, the occasions the shop
lists it for), English and Chinese."""

from __future__ import annotations

SUITABILITY_TEMPLATES: dict[str, dict[str, str]] = {
    "weather_hot_yes": {"en": "Good for hot weather: {facts} — light and cool.", "zh": "适合热天：{facts}，轻薄凉爽。"},
    "weather_hot_no": {"en": "On the warm side for hot weather: {facts}.", "zh": "热天穿偏暖：{facts}。"},
    "weather_cold_yes": {"en": "Good for cold weather: {facts} — it keeps you warm.", "zh": "适合冷天：{facts}，保暖。"},
    "weather_cold_no": {"en": "Not warm enough on its own for cold weather: {facts} — wear a warm layer over it.",
                        "zh": "冷天单穿不够暖：{facts}，外面要加一件保暖的。"},
    "pair_yes": {"en": "Yes — it's {styles}, and it goes well with {piece}.",
                 "zh": "可以——它是{styles}风格，配{piece}很协调。"},
    "pair_down": {"en": "Yes, for a more relaxed look — it's {styles}; with {piece} it's dressed down.",
                  "zh": "可以，会更休闲——它是{styles}风格，配{piece}显得更随意。"},
    "pair_up": {"en": "Yes, for a dressier look — it's {styles}; with {piece} it's dressed up.",
                "zh": "可以，会更正式——它是{styles}风格，配{piece}显得更精致。"},
    "own_yes": {"en": "Yes — {clauses}.", "zh": "搭——{clauses}。"},
    "own_partly": {"en": "Partly — {clauses}.", "zh": "部分搭——{clauses}。"},
    "own_no": {"en": "Not really — {clauses}. A neutral piece (black, white, grey, navy or beige) between them would "
                     "tie them together.",
               "zh": "不太搭——{clauses}。中间加一件中性色（黑、白、灰、藏青或米色）的单品会更协调。"},
    "own_harmony": {"en": "its {color} goes well with your {pieces}", "zh": "它的{color}和你的{pieces}很配"},
    "own_neutral": {"en": "its {color} is an easy, neutral match for your {pieces}",
                    "zh": "它的{color}和你的{pieces}是稳妥的中性搭配"},
    "own_clash": {"en": "its {color} and your {pieces} would compete", "zh": "它的{color}和你的{pieces}会互相抢眼"},
    "own_colorless": {"en": "the catalog gives no colour to judge it against your {pieces} by",
                      "zh": "目录里没有颜色信息，没法判断它和你的{pieces}是否相配"},
    "own_instead": {"en": "It's worn in place of {piece}, not with: both cover the same part of you.",
                    "zh": "它和{piece}是同一类穿法，二选一穿，不会一起搭。"},
    "own_best_color": {"en": "Of its colours, {color} goes best with what's in your cart.",
                       "zh": "它的几种颜色里，{color}和你购物车里的单品最搭。"},
    "own_best_color_said": {"en": "Of its colours, {color} goes best with your {pieces}.",
                            "zh": "它的几种颜色里，{color}和你的{pieces}最搭。"},
    "own_unknown": {"en": "Your cart is empty, so I can't see what you already have. Tell me a piece you'll wear it "
                          "with (\"does it go with black jeans?\") and I'll say.",
                    "zh": "你的购物车是空的，我看不到你已经有哪些衣服。告诉我你打算搭配的单品（比如“配黑色牛仔裤吗？”），我再告诉你。"},
    "own_unknown_kind": {"en": "Your cart holds only pieces of the same kind, nothing to wear it with. Tell me a piece "
                               "you'll wear it with (\"does it go with black jeans?\") and I'll say.",
                         "zh": "你的购物车里只有同类的单品，没有可以和它搭配的。告诉我你打算搭配的单品（比如“配黑色牛仔裤吗？”），我再告诉你。"},
    "occasion_listed": {"en": "The shop lists it as {listed} wear.", "zh": "店里把它列为{listed}穿着。"},
    "occasion_not_listed": {"en": "It isn't listed as {asked} wear: the shop lists it as {listed} wear.",
                            "zh": "它没有被列为{asked}穿着：店里把它列为{listed}穿着。"},
}
