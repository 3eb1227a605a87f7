"""The words of outfits under one budget (`replies_outfits.outfits`), English and Chinese."""

from __future__ import annotations

OUTFIT_TEMPLATES: dict[str, dict[str, str]] = {
    "outfits_head": {"en": "Here are {count} outfits of {garments}{budget}{size}:", "zh": "为你搭配了 {count} 套（{garments}）{budget}{size}："},
    "outfits_budget": {"en": " within {budget} for everything", "zh": "，每套合计在{budget}以内"},
    "outfits_one": {"en": "Outfit {number} — {total} in all:", "zh": "第{number}套——合计 {total}："},
    "outfits_footer": {"en": "Say \"add outfit 1\" to put all of its pieces in your cart, or ask about any piece by its number.",
                       "zh": "说“把第一套加入购物车”就会把整套加进去，也可以按编号问任何一件。"},
    "outfits_none": {"en": "I couldn't put together a complete outfit of {garments}{budget}{size} from what the shop has. "
                           "Want me to stretch the budget, or show each piece on its own?",
                     "zh": "店里现有的商品凑不出一整套（{garments}）{budget}{size}。要不要放宽预算，或者分别看看每件？"},
    "outfits_size": {"en": ", every piece in stock in {size}", "zh": "，每件都有{size}码现货"},
}
