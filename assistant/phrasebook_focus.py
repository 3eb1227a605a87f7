"""The words about the one product in focus that the catalog has no field for (whether it stretches)
or that no list shows (the size chosen for it, whether it comes in an asked colour or size), English and
Chinese."""

from __future__ import annotations

FOCUS_TEMPLATES: dict[str, dict[str, str]] = {
    "fact_said": {"en": "The shop says: \"{said}\"", "zh": "店里的描述是：「{said}」"},
    "listing_only": {"en": "I can only go by the shop's listing, and it doesn't say that in so many words. Here's all it says:",
                     "zh": "我只能根据店里的商品信息回答，里面没有直接提到这一点。以下是全部信息："},
    "fact_no_sizing": {"en": "The shop doesn't say whether it runs small or large.", "zh": "店里没有说明它偏大还是偏小。"},
    "fact_no_stretch": {"en": "The shop doesn't say whether it stretches.", "zh": "店里没有注明它是否有弹力。"},
    "size_chosen": {"en": "{title} in {size} — it's in stock. Say \"add it\" and it goes in your cart in {size}.",
                    "zh": "{title}，{size}码——有货。说“加入购物车”，我就按{size}码加进去。"},
    "size_chosen_unknown": {"en": "{title} in {size}. Say \"add it\" and it goes in your cart in {size}.",
                            "zh": "{title}，{size}码。说“加入购物车”，我就按{size}码加进去。"},
    "size_not_made": {"en": "{size} isn't one of the sizes of {title}: it comes in {sizes}.",
                      "zh": "{title}没有{size}码：它的尺码是 {sizes}。"},
    "size_not_made_stock": {"en": "{size} isn't one of the sizes of {title}: it comes in {sizes} (in stock: {stocked}).",
                            "zh": "{title}没有{size}码：它的尺码是 {sizes}（有货：{stocked}）。"},
    "size_not_listed": {"en": "{title} has no sizes listed, so I can't check {size} for you.",
                        "zh": "{title}没有列出尺码，我没法帮你确认{size}码。"},
    "size_chosen_out_color": {"en": "{title} isn't in stock in {size} in {color}; in {color}: {sizes}.",
                              "zh": "{title}的{color}{size}码缺货；{color}有货的尺码：{sizes}。"},
    "size_chosen_out": {"en": "{title} isn't in stock in {size}; in stock: {sizes}.",
                        "zh": "{title}的{size}码缺货；有货的尺码：{sizes}。"},
    "variant_color_yes": {"en": "Yes, it comes in {color}.", "zh": "有，这款有{color}。"},
    "variant_color_no": {"en": "No, it doesn't come in {color} — it comes in {colors}.",
                         "zh": "没有{color}的——这款只有{colors}。"},
    "variant_size_yes": {"en": "Yes, {size} is in stock.", "zh": "{size}码有货。"},
    "variant_size_out": {"en": "{size} is sold out; in stock: {sizes}.", "zh": "{size}码缺货；有货的尺码：{sizes}。"},
    "variant_size_out_color": {"en": "In {color}, {size} is sold out; in stock: {sizes}.",
                               "zh": "{color}的{size}码缺货；有货的尺码：{sizes}。"},
    "variant_size_not_made": {"en": "It isn't made in {size}: it comes in {sizes}.", "zh": "这款没有{size}码：尺码是 {sizes}。"},
    "variant_size_unknown": {"en": "It's made in {size}, though the shop doesn't say whether it's in stock.",
                             "zh": "这款有{size}码，但店里没有标明是否有货。"},
}
