"""The words asking which product the shopper means (by its number, or by name when only one is
shown), English and Chinese."""

from __future__ import annotations

WHICH_TEMPLATES: dict[str, dict[str, str]] = {
    "which_product": {
        "en": "Which one do you mean? Tell me its number: {numbers}.",
        "zh": "你指的是哪一件？告诉我编号：{numbers}。",
    },
    "which_products": {
        "en": "Which ones do you mean? Tell me their numbers: {numbers}.",
        "zh": "你指的是哪几件？告诉我它们的编号：{numbers}。",
    },
    "which_one": {
        "en": "The only one I've shown you is {title}, and it doesn't fit that description. "
              "Ask me about it, or tell me what you'd like and I'll search.",
        "zh": "我只给你推荐了一件：{title}，它不符合这个描述。可以问我它的详情，或者告诉我你想要什么，我再帮你找。",
    },
    "numbers_range": {"en": "1 to {count}", "zh": "1 到 {count}"},
    "bad_position": {
        "en": "I can't find that one — pick a number, {numbers}.",
        "zh": "没有这一件——请选编号 {numbers}。",
    },
    "bad_position_one": {
        "en": "I can't find that one — the only one I've shown you is {title}.",
        "zh": "没有这一件——我只给你推荐了一件：{title}。",
    },
    "which_of": {"en": "Which one do you mean: {options}?", "zh": "你指的是哪一件：{options}？"},
    "which_of_set": {"en": "Which ones do you mean: {options}? Tell me their numbers.",
                     "zh": "你指的是哪几件：{options}？告诉我它们的编号。"},
    "which_unmatched_named": {
        "en": "None of the ones I showed is {named}. Tell me its number ({numbers}), or say “{named} ones” and I'll look for them.",
        "zh": "我推荐的商品里没有{named}的。告诉我编号（{numbers}），或者说“{named}的”，我帮你找。",
    },
    "which_unmatched_kind": {
        "en": "None of the ones I showed is {named}. Tell me its number ({numbers}), or say “find {named}” and I'll look for one.",
        "zh": "我推荐的商品里没有{named}。告诉我编号（{numbers}），或者说“找{named}”，我帮你找。",
    },
    "which_unmatched": {
        "en": "None of the ones I showed fits that description. Which one do you mean? Tell me its number: {numbers}.",
        "zh": "我推荐的商品里没有符合这个描述的。你指的是哪一件？告诉我编号：{numbers}。",
    },
}
