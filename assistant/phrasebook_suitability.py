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
    "occasion_listed": {"en": "The shop lists it as {listed} wear.", "zh": "店里把它列为{listed}穿着。"},
    "occasion_not_listed": {"en": "It isn't listed as {asked} wear: the shop lists it as {listed} wear.",
                            "zh": "它没有被列为{asked}穿着：店里把它列为{listed}穿着。"},
}
