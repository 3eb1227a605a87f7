"""Which facts a question about a shown product asks for: price, brand, sizes, material ...

A table from the words shoppers use to the product facts the catalog holds, so a reply can
answer exactly what was asked ("what brand is that coat, and how much?" -> brand, price)
instead of reciting everything. A question that names no fact gets the full summary.
"""

from __future__ import annotations

import re

from assistant.understanding.cues import is_question

FACTS: tuple[str, ...] = (
    "price", "brand", "sizes", "sizing", "stock", "material", "fit", "stretch", "colors", "pattern", "sleeve", "care",
    "rating", "description",
)
# fact -> English word stems (matched at a word start) and Chinese words (matched anywhere).
FACT_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "price": (("price", "cost", "how much", "expensive", "cheap", "dollars", "budget", "pricey", "priced"),
              ("价格", "价钱", "多少钱", "贵", "便宜", "售价")),
    "brand": (("brand", "who makes", "made by", "maker", "designer", "label", "manufacturer", "company"),
              ("品牌", "牌子")),
    "sizes": (("size", "sizing", "xs", "xl", "xxl"), ("尺码", "码数", "尺寸", "几码", "号")),
    # how a size fits against others' ("is it true to size?"): not which sizes it comes in
    "sizing": (("true to size", "runs small", "runs large", "runs big", "run small", "run large", "run big",
                "fits small", "fits large", "fits big", "size up", "size down"), ("偏大", "偏小", "正码")),
    "stock": (("stock", "available", "availability", "left", "sold out", "in store"), ("有货", "库存", "现货", "还有")),
    "material": (("material", "fabric", "made of", "made from", "cotton", "linen", "wool", "silk", "polyester",
                  "leather", "cashmere", "denim", "fleece", "breathable", "warm"), ("面料", "材质", "材料", "什么做")),
    "fit": (("fit", "cut", "tight", "loose", "slim", "baggy", "relaxed"), ("版型", "修身", "宽松")),
    "stretch": (("stretch", "elastic", "elastane", "spandex", "lycra"), ("弹力", "弹性", "有弹")),
    "colors": (("colour", "color", "come in", "shades"), ("颜色", "色")),
    "pattern": (("pattern", "print", "stripe", "plain"), ("图案", "花纹")),
    "sleeve": (("sleeve",), ("袖",)),
    "care": (("wash", "care", "iron", "dry clean", "machine", "tumble", "shrink"), ("洗", "保养", "熨")),
    "rating": (("rating", "rated", "review", "stars", "customer", "feedback", "popular", "reputation", "reputable",
                "good brand", "people like", "people think", "people say", "it any good", "they any good",
                "one any good"), ("评价", "评分", "口碑", "好评", "牌子好", "品牌好", "受欢迎", "人气")),
    "description": (("tell me about", "more about", "details", "describe", "info", "information", "what is it like"),
                    ("介绍", "详情", "怎么样")),
}


def _compile(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")", re.IGNORECASE)


_PATTERNS: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {
    fact: (_compile(en), zh) for fact, (en, zh) in FACT_WORDS.items()
}


# A fact whose words hold another's: "true to size" asks how it fits, not which sizes it comes in.
SUBSUMED: dict[str, str] = {"sizing": "sizes"}
# The request slot a fact's value is stated in: "size small" states a size, it does not ask for one.
STATED_IN: dict[str, str] = {"sizes": "size", "material": "material", "colors": "color", "pattern": "pattern",
                             "fit": "fit", "sleeve": "sleeve"}


def asked_facts(text: str, stated: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The facts a message asks for, in the order the table lists them (empty: all of them). A fact
    whose value the turn states (`stated`: its slots) is a constraint unless the turn is a question."""
    found = []
    question = is_question(text)
    for fact, (pattern, zh_words) in _PATTERNS.items():
        if STATED_IN.get(fact) in stated and not question:
            continue
        if pattern.search(text) or any(word in text for word in zh_words):
            found.append(fact)
    subsumed = {SUBSUMED.get(f) for f in found}
    return tuple(f for f in found if f not in subsumed)


# Words that choose among the products shown. "which one", "which of these", "which is" (哪) and "any
# of these" ask which products have something ("which of them comes in XL?", "are any of these in XS?"); "of these", "of the two" and
# "here" also rank, in a question ("the cheaper of the two?"), never in a request ("more of these
# but cheaper") or a description ("the sizes of those two black coats").
_WHICH = re.compile(r"\bwhich (?:one|ones|of (?:these|those|them|the \w+)|is|are|comes?|has|have|would|should|will|"
                    r"could|can|do|does)\b|"
                    r"\bany of (?:these|those|them)\b|哪|其中", re.IGNORECASE)
_AMONG = re.compile(r"\b(?:of|between) (?:these|those|them|the (?:two|three|four|five|six|\d|ones))\b|\bhere\b|"
                    r"这几|这些|两件|两条", re.IGNORECASE)
_ASKS = re.compile(r"[?？]|吗|呢")
_WHICH_ANY = re.compile(r"\bwhich\b", re.IGNORECASE)
# (fact, which end wins) -> English words (at a word start) and Chinese words: what a choice ranks by.
ORDER_WORDS: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {
    ("price", "low"): (("cheap", "least expensive", "less expensive", "most affordable", "more affordable",
                        "affordable", "inexpensive", "low-cost", "low cost", "lowest price", "lower price",
                        "costs the least", "costs less", "not expensive", "not too expensive", "too expensive",
                        "nothing expensive", "not so expensive", "not very expensive", "too pricey", "too pricy",
                        "too costly", "not pricey", "nothing pricey", "not so pricey", "not very pricey"),
                       ("便宜", "实惠", "价格最低", "最划算", "不要太贵", "不太贵", "别太贵", "不贵", "太贵")),
    ("price", "high"): (("most expensive", "more expensive", "priciest", "pricier", "costs the most", "costs more",
                         "dearest", "highest price", "most costly", "expensive", "pricey", "high-end", "luxury"),
                        ("最贵", "更贵", "贵一些", "价格最高", "贵的", "高档")),
    ("warmth", "high"): (("warmest", "warmer", "keep me warm", "cosiest", "coziest", "cosier", "cozier",
                          "best for winter", "best for the cold", "heaviest", "most warm", "thickest", "thicker"),
                         ("保暖", "暖和", "最暖", "最厚")),
    ("rating", "high"): (("best rated", "highest rated", "top rated", "better rated", "rated higher", "rated best",
                          "good review", "good customer review", "great review", "better review", "best review",
                          "good rating", "better rating", "best rating", "highest rating", "like more", "like most",
                          "most popular"), ("评价最好", "评价更好", "好评", "评分最高", "口碑最好", "最受欢迎")),
    # what goes with what the shopper already has: the cart is all of it the shop knows
    ("match", "high"): (("go with my", "goes with my", "go best with my", "goes best with my", "best go with my",
                         "best goes with my", "go well with my", "goes well with my", "go nicely with my",
                         "go with what i", "goes with what i", "go best with what i", "goes best with what i",
                         "go well with what i", "go with the rest of my", "goes with the rest of my", "complement my",
                         "complements my", "complement what i", "match my", "matches my", "match what i",
                         "pair with my", "pairs with my", "pair best with my", "work with my", "works with my",
                         "work best with my", "fit best with my", "fit best with what i", "fits best with what i",
                         "look best with my", "looks best with my", "with what's in my", "with what is in my",
                         "with the stuff i", "with the things i", "with the stuff in my", "with the things in my",
                         "with my purchases", "with what i've", "with what i have", "with what i already",
                         "with the rest of my", "suit the rest of my", "match for what i"),
                        ("搭配我买的", "配我买的", "和我买的", "跟我买的", "配我的衣柜", "搭我买的", "和我已经买的", "跟我已经买的",
                         "配我购物车里", "和我购物车里", "跟我购物车里", "搭我购物车里")),
    ("warmth", "low"): (("coolest", "cooler", "most breathable", "more breathable", "lightest",
                         "best for summer", "best for the heat", "airiest", "least warm", "thinnest", "lightweight"),
                        ("凉快", "透气", "清凉", "最薄")),
}
_ORDER_PATTERNS = {key: (_compile(en), zh) for key, (en, zh) in ORDER_WORDS.items()}


def chooses_among(text: str) -> bool:
    """Whether the words ask which of the products shown have something ("which of them is linen?")."""
    return bool(_WHICH.search(text))


def ranks_among(text: str) -> bool:
    """Whether the words may rank the products shown ("the cheaper of the two?", "which coat is
    warmer?"), given a word to rank by."""
    return chooses_among(text) or bool(_WHICH_ANY.search(text)) or bool(_AMONG.search(text) and _ASKS.search(text))


def asked_orders(text: str) -> tuple[tuple[str, str], ...]:
    """Each (fact, "low" | "high") the words rank products by ("the warmest", "最便宜"; "which is cheaper,
    and which is rated higher?" both), a fact once, in the table's order."""
    found: dict[str, str] = {}
    for (fact, order), (pattern, zh_words) in _ORDER_PATTERNS.items():
        if fact not in found and (pattern.search(text) or any(word in text for word in zh_words)):
            found[fact] = order
    return tuple(found.items())
