"""The assistant's fixed wording in English and Chinese, and the words for canonical values.

Templates hold no facts: every name, price, colour and size is a placeholder that
`replies` fills from catalog data. The Chinese names of canonical values come from the
shared synonym table (`catalog.synonyms.SYNONYMS`, the first Chinese word for each
value), so the words the assistant reads and the words it writes are one table.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from catalog.synonyms import SYNONYMS

from assistant.phrasebook_cart import CART_TEMPLATES
from assistant.phrasebook_choice import CHOICE_TEMPLATES
from assistant.phrasebook_confirm import CONFIRM_TEMPLATES
from assistant.phrasebook_decide import DECIDE_TEMPLATES
from assistant.phrasebook_focus import FOCUS_TEMPLATES
from assistant.phrasebook_outfits import OUTFIT_TEMPLATES
from assistant.phrasebook_which import WHICH_TEMPLATES
from assistant.phrasebook_suitability import SUITABILITY_TEMPLATES

Lang = Literal["en", "zh"]
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]{2,}")

# Where the first Chinese synonym reads oddly as a display word.
_ZH_DISPLAY: dict[tuple[str, str], str] = {
    ("category", "t-shirt"): "T恤", ("material", "leather"): "皮革", ("fit", "oversized"): "超宽松",
    ("gender", "men"): "男士", ("gender", "women"): "女士",
}


def language_of(text: str, previous: Lang = "en") -> Lang:
    """Chinese when the message has Chinese characters, English when it has words, else unchanged."""
    if _CJK.search(text or ""):
        return "zh"
    if _LATIN.search(text or ""):
        return "en"
    return previous


@lru_cache(maxsize=None)
def _zh_names() -> dict[tuple[str, str], str]:
    names: dict[tuple[str, str], str] = {}
    for slot, table in SYNONYMS.items():
        for term, value in table.items():
            if _CJK.search(term):
                names.setdefault((slot, value), term)
    names.update(_ZH_DISPLAY)
    return names


_EN_DISPLAY: dict[tuple[str, str], str] = {("gender", "men"): "men's", ("gender", "women"): "women's"}
# an occasion as said after "for" where it takes an article ("for a wedding", "for the beach"; "for work" as it is)
_EN_FOR_OCCASION = {"wedding": "a wedding", "party": "a party", "date": "a date", "beach": "the beach"}


def for_occasion(value: str, lang: Lang) -> str:
    """An occasion as it reads after "for" ("a wedding"); in Chinese its name."""
    return _EN_FOR_OCCASION.get(value, value) if lang == "en" else value_name("occasion", value, lang)


def value_name(slot: str, value: str, lang: Lang) -> str:
    """How a canonical value reads in the reply language (sizes and unknown shop values as they are; a brand, kept in
    lower case to be searched, with its words' capitals)."""
    if slot == "brand":
        return " ".join(w[:1].upper() + w[1:] for w in value.split(" "))
    if lang == "zh" and slot != "size":
        return _zh_names().get((slot, value), value)
    return _EN_DISPLAY.get((slot, value), value)


def join(items: list[str], lang: Lang, word: str = "or") -> str:
    """"a, b or c" / "a、b或c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if lang == "zh":
        return "、".join(items[:-1]) + ("或" if word == "or" else "和") + items[-1]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


_OWN: dict[str, dict[Lang, str]] = {
    # search and more
    "not_in_colour": {"en": "{title} only comes in {colors}.", "zh": "{title} 只有{colors}。"},
    "brand_not_carried": {"en": "This shop doesn't carry {brand}. Its brands are {brands}.",
                          "zh": "这家店没有{brand}。店里的品牌有{brands}。"},
    "brand_not_carried_none": {"en": "This shop doesn't carry {brand}.", "zh": "这家店没有{brand}。"},
    "and_more": {"en": "{count} more", "zh": "另外{count}个"},
    "size_not_sold": {"en": "The shop has no size {size}: its sizes are {sizes}.", "zh": "店里没有{size}码：尺码有 {sizes}。"},
    "found": {"en": "Here's what I found for {request}:", "zh": "为你找到这些（{request}）："},
    "found_more": {"en": "Here are more for {request}:", "zh": "更多符合「{request}」的商品："},
    "price_order_low": {"en": ", cheapest first", "zh": "，价格从低到高"},
    "price_order_high": {"en": ", priciest first", "zh": "，价格从高到低"},
    "relaxed": {
        "en": "Nothing matched everything you asked for, so I searched without {relaxed}.",
        "zh": "没有完全符合所有条件的商品，所以我放宽了：{relaxed}。",
    },
    # a condition named as the shopper would say it, apart from the sentence round it ("for wedding", "women's")
    "quoted": {"en": "“{text}”", "zh": "「{text}」"},
    "search_unsold": {
        "en": "This shop doesn't sell {what}. It has {categories}: tell me one of those and I'll look for it.",
        "zh": "这家店不卖{what}。店里有{categories}：说一种，我就帮你找。",
    },
    "search_unsold_kept": {
        "en": "This shop doesn't sell {what}. It has {categories}: tell me one of those and I'll look for it ({request}).",
        "zh": "这家店不卖{what}。店里有{categories}：说一种，我就帮你找（{request}）。",
    },
    "nothing": {
        "en": "I couldn't find anything for {request}. Try loosening the budget or another colour?",
        "zh": "没有找到符合「{request}」的商品。要不要放宽预算或换个颜色？",
    },
    "no_more": {
        "en": "That's everything I have for this request. Want to change something — colour, budget or size?",
        "zh": "这个条件下的商品已经全部给你看过了。要不要换个颜色、预算或尺码？",
    },
    "no_catalog": {"en": "Looking for {request}.", "zh": "正在找：{request}。"},
    "list_footer": {
        "en": "Ask me about any of them by number, compare them, or try one on.",
        "zh": "可以按编号问我详情、比较，或者试穿其中一件。",
    },
    "product_line": {
        "en": "{position}. {title} — {price} · {colors} · sizes {sizes}",
        "zh": "{position}. {title} — {price} · {colors} · 有货尺码 {sizes}",
    },
    "product_line_plain": {   # a product not on the list (a piece just tried beside it): no number to point with
        "en": "{title} — {price} · {colors} · sizes {sizes}",
        "zh": "{title} — {price} · {colors} · 有货尺码 {sizes}",
    },
    "no_sizes": {"en": "none in stock", "zh": "暂无库存"},
    "anything": {"en": "anything", "zh": "不限"},
    # asking
    "clarify": {
        "en": "What kind of item are you after — for example a shirt, a dress, jeans or a jacket?",
        "zh": "你想找哪一类衣服？比如衬衫、连衣裙、牛仔裤或夹克。",
    },
    "nothing_shown": {
        "en": "I haven't shown you anything yet — tell me what you're looking for first.",
        "zh": "我还没有给你推荐商品——先告诉我你想找什么吧。",
    },
    # details and compare
    "details_head": {"en": "{title}: {price}.", "zh": "{title}：{price}。"},
    "details_made": {"en": "It's {facts}.", "zh": "{facts}。"},
    "details_colors": {"en": "Colours: {colors}.", "zh": "颜色：{colors}。"},
    "details_stock": {"en": "In stock: {sizes}.", "zh": "有货尺码：{sizes}。"},
    "details_stock_in": {"en": "In stock in {color}: {sizes}.", "zh": "{color}有货尺码：{sizes}。"},
    "details_no_stock_in": {"en": "No sizes in stock in {color} right now.", "zh": "{color}目前所有尺码都缺货。"},
    "details_stock_else": {"en": "Its other colours also come in {sizes}.", "zh": "其他颜色还有：{sizes}。"},
    "details_no_stock": {"en": "No sizes in stock right now.", "zh": "目前所有尺码都缺货。"},
    "details_unknown_stock": {"en": "Made in sizes {sizes} (stock not confirmed).", "zh": "尺码：{sizes}（库存未确认）。"},
    "material_fact": {"en": "made of {material}", "zh": "{material}面料"},
    "fit_fact": {"en": "{fit} fit", "zh": "{fit}版型"},
    "sleeve_fact": {"en": "{sleeve} sleeves", "zh": "{sleeve}"},
    "details_sleeves": {"en": "It has {sleeve} sleeves.", "zh": "{sleeve}。"},
    "compare_head": {"en": "Side by side:", "zh": "对比一下："},
    "compare_line": {
        "en": "#{position} {title}: {price}, {material}, {fit} fit, colours {colors}",
        "zh": "#{position} {title}：{price}，{material}，{fit}版型，颜色 {colors}",
    },
    "compare_cheaper": {"en": "The cheaper one is #{position}, {title}.", "zh": "更便宜的是 #{position}：{title}。"},
    "compare_cheapest": {"en": "The cheapest is #{position}, {title}.", "zh": "最便宜的是 #{position}：{title}。"},
    "not_stated": {"en": "not stated", "zh": "未注明"},
    # photos and try-on
    "ask_photo": {
        "en": "Happy to show you {title} on you — send me a photo of yourself (front-facing, {coverage} in view).",
        "zh": "可以帮你试穿 {title}——请发一张你的正面照（{coverage}入镜）。",
    },
    "photo_not_kept": {
        "en": "I no longer have your photo: photos are never stored with your conversation, so it was deleted when the page reloaded, the shop restarted or your chat moved to another server.",
        "zh": "我这里已经没有你的照片了：照片从不和对话一起保存，页面刷新、商店重启或对话转到另一台服务器时已被删除。",
    },
    "coverage_upper": {"en": "upper body", "zh": "上半身"},
    "coverage_full": {"en": "whole body", "zh": "全身"},
    "tryon_unavailable": {
        "en": "Virtual try-on isn't available in this version yet, so I can't show {title} on you. I can tell you more about it, help with the size, or add it to your cart.",
        "zh": "当前版本还不能虚拟试穿，所以没法把 {title} 穿在你的照片上。我可以介绍细节、帮你选尺码，或者加入购物车。",
    },
    "tryon_done": {"en": "Here's {title} on you.", "zh": "这是 {title} 穿在你身上的效果。"},
    "tryon_each": {"en": "Each on its own, side by side, left to right:", "zh": "每件单独试穿，从左到右并排："},
    "tryon_ends_both": {"en": "On you it ends {hem}, with the sleeves ending {sleeves}.", "zh": "穿在你身上，衣长{hem}，袖长{sleeves}。"},
    "tryon_ends_hem": {"en": "On you it ends {hem}.", "zh": "穿在你身上，衣长{hem}。"},
    "tryon_ends_sleeves": {"en": "On you the sleeves end {sleeves}.", "zh": "穿在你身上，袖长{sleeves}。"},
    "tryon_outfit_done": {"en": "Here's the outfit on you: {pieces}.", "zh": "这是整套搭配穿在你身上的效果：{pieces}。"},
    "tryon_piece_ends_both": {"en": "The {kind} ends {hem}, with the sleeves ending {sleeves}.", "zh": "{kind}衣长{hem}，袖长{sleeves}。"},
    "tryon_piece_ends_hem": {"en": "The {kind} ends {hem}.", "zh": "{kind}长度{hem}。"},
    "tryon_piece_ends_sleeves": {"en": "The {kind}'s sleeves end {sleeves}.", "zh": "{kind}袖长{sleeves}。"},
    "tryon_shown_over": {"en": "It's shown over your {clothes}.", "zh": "图中是叠穿在你的{clothes}外面的效果。"},
    "over_long_sleeves": {"en": "long sleeves", "zh": "长袖"},
    "over_trousers": {"en": "trousers", "zh": "长裤"},
    "over_top": {"en": "own top", "zh": "上衣"},
    "hem_above_hips": {"en": "above your hips", "zh": "在臀部以上"},
    "hem_hips": {"en": "at your hips", "zh": "到臀部"},
    "hem_below_hips": {"en": "just below your hips", "zh": "刚过臀部"},
    "hem_thighs": {"en": "at mid-thigh", "zh": "到大腿中部"},
    "hem_knees": {"en": "at your knees", "zh": "到膝盖"},
    "hem_calves": {"en": "at mid-calf", "zh": "到小腿中部"},
    "hem_ankles": {"en": "at your ankles", "zh": "到脚踝"},
    "sleeves_above_elbows": {"en": "above your elbows", "zh": "在手肘以上"},
    "sleeves_elbows": {"en": "at your elbows", "zh": "到手肘"},
    "sleeves_forearms": {"en": "on your forearms", "zh": "到小臂"},
    "sleeves_wrists": {"en": "at your wrists", "zh": "到手腕"},
    "tryon_failed": {
        "en": "I couldn't put {title} on your photo: {reason}",
        "zh": "没能把 {title} 试穿到你的照片上：{reason}",
    },
    "photo_thanks": {"en": "Thanks for the photo!", "zh": "收到照片！"},
    "photo_upper": {
        "en": "It shows your upper body, so I can try tops, jackets, coats and dresses on you (for trousers, skirts or shorts I'd need a full-length photo).",
        "zh": "照片拍到了上半身，可以试穿上衣、外套和连衣裙；裤子、半身裙或短裤需要全身照。",
    },
    "photo_full": {
        "en": "It shows your whole body, so I can try anything on you.",
        "zh": "照片是全身照，所有商品都可以试穿。",
    },
    "photo_full_no_tops": {
        "en": "It shows your whole body, so I can try trousers, skirts and shorts on you, but not tops or dresses: {reason}",
        "zh": "照片是全身照，可以试穿裤子、半身裙和短裤；但这个姿势没法试穿上衣和连衣裙——换一张双臂自然下垂的照片就可以。",
    },
    "photo_upper_no_tops": {
        "en": "I can't try anything on this one: {reason}",
        "zh": "这个姿势没法试穿——换一张双臂自然下垂的照片就可以。",
    },
    "photo_pick": {
        "en": "Pick any product and say “try it on me”.",
        "zh": "选一件商品，说“试穿”就可以。",
    },
    "photo_kept_no_tryon": {
        "en": "Thanks, I've kept your photo for this session — but virtual try-on isn't available in this version yet.",
        "zh": "照片已保存在本次会话中——不过当前版本还不能虚拟试穿。",
    },
    "photo_unreadable": {
        "en": "I couldn't open that image — could you send it again as a JPEG or PNG?",
        "zh": "这张图片打不开——能再发一次 JPEG 或 PNG 吗？",
    },
    "photo_rejected": {"en": "I can't use that photo: {reason}", "zh": "这张照片用不了：{reason}"},
    "message_truncated": {
        "en": "(That was a long message — I read its first {limit} characters.)",
        "zh": "（消息太长了，我只读了前 {limit} 个字符。）",
    },
    "photo_forgotten": {
        "en": "Done — I've deleted your photo from this session.",
        "zh": "好的，已从本次会话中删除你的照片。",
    },
    "photo_none": {"en": "I don't have a photo of you.", "zh": "我这里没有你的照片。"},
    "photo_attach": {"en": "Attach one with 📎 and I'll show products on you.",
                     "zh": "用 📎 发一张，我就可以把商品试穿在你身上。"},
    "photo_have": {"en": "I have the photo you sent.", "zh": "我这里有你发的照片。"},
    "photo_use": {"en": "I use it only to show products on you in this chat; say \"forget my photo\" to delete it.",
                  "zh": "它只用来在这次聊天里给你试穿商品；说“删除我的照片”就会删掉。"},
    # size advice
    "size_pick": {"en": "For {title} I'd take {size}: {reasons}.", "zh": "{title} 建议选 {size} 码：{reasons}。"},
    "size_pick_usual": {"en": "For {title} your usual {size} fits: {reasons}.",
                        "zh": "{title} 选你平常穿的 {size} 码就合适：{reasons}。"},
    "size_pick_typical": {
        "en": "Going by this shop's usual {category} size chart, I'd take {size}: {reasons}.",
        "zh": "按本店{category}的通用尺码表，建议选 {size} 码：{reasons}。",
    },
    "size_in_range": {
        "en": "your {part} {value} cm is in {size}'s {low}–{high} cm range",
        "zh": "你的{part} {value} cm 在 {size} 码的 {low}–{high} cm 范围内",
    },
    "size_near_range": {
        "en": "your {part} {value} cm is closest to {size}'s {low}–{high} cm range",
        "zh": "你的{part} {value} cm 最接近 {size} 码的 {low}–{high} cm 范围",
    },
    "size_up_weight": {
        "en": " I went one size up because at {weight} kg a roomier cut is likely more comfortable.",
        "zh": " 考虑到体重 {weight} kg，建议大一码会更舒适。",
    },
    "size_down_weight": {
        "en": " I went one size down because at {weight} kg you're slim for your height.",
        "zh": " 考虑到体重 {weight} kg，身形偏瘦，建议小一码。",
    },
    "size_stock_note": {
        "en": " {size} is currently out of stock for this item.",
        "zh": " 这件的 {size} 码目前缺货。",
    },
    "size_need_measurements": {
        "en": "Tell me your height and weight, or chest/waist/hip in cm or inches, and I'll check {what}'s size chart.",
        "zh": "告诉我你的身高体重，或胸围/腰围/臀围（厘米或英寸），我帮你对照{what}的尺码表。",
    },
    "size_need_height": {
        "en": "Weight alone isn't on the size chart — tell me your height, or your chest/waist measurement.",
        "zh": "尺码表里没有体重一项——再告诉我身高，或胸围/腰围吧。",
    },
    "size_need_product": {
        "en": "Tell me which item (say its number or what you're looking for) and I'll check its size chart.",
        "zh": "告诉我是哪一件（编号或想找的款式），我帮你对照尺码表。",
    },
    "size_no_chart": {
        "en": "{title} has no size chart I can use, sorry.",
        "zh": "抱歉，{title} 没有可用的尺码表。",
    },
    "this_item": {"en": "this item", "zh": "这件商品"},
    "part_chest": {"en": "chest", "zh": "胸围"},
    "part_waist": {"en": "waist", "zh": "腰围"},
    "part_hip": {"en": "hip", "zh": "臀围"},
    "part_height": {"en": "height", "zh": "身高"},
    # near misses: nothing meets every hard constraint
    "nothing_exact": {
        "en": "Nothing matches all of that ({request}). The closest I have:",
        "zh": "没有完全符合「{request}」的商品。最接近的是：",
    },
    "differs": {"en": " — but {what}", "zh": "——但是{what}"},
    "diff_size": {"en": "not in stock in {size}", "zh": "{size}码缺货"},
    "diff_max_price": {"en": "{price}, over your {limit}", "zh": "{price}，超出你的{limit}"},
    "diff_min_price": {"en": "{price}, under your {limit}", "zh": "{price}，低于你的{limit}"},
    "diff_value": {"en": "{have}, not {wanted}", "zh": "是{have}，不是{wanted}"},
    # one asked fact
    "about": {"en": "{title}: ", "zh": "{title}："},
    "fact_price": {"en": "{title} costs {price}.", "zh": "{title} 的价格是 {price}。"},
    "fact_brand": {"en": "It's by {brand}.", "zh": "品牌：{brand}。"},
    "fact_no_brand": {"en": "The shop doesn't list a brand for it.", "zh": "店里没有标注它的品牌。"},
    "fact_unknown": {"en": "The shop doesn't list its {what}.", "zh": "店里没有标注它的{what}。"},
    "fact_no_care": {"en": "The shop doesn't list care instructions for it.", "zh": "店里没有标注洗护说明。"},
    "fact_no_rating": {"en": "I don't have ratings or reviews for it.", "zh": "我这里没有它的评分或评价。"},
    "search_no_ratings": {"en": "I don't have customer ratings or reviews, so I can't pick by them.",
                          "zh": "我这里没有顾客评分或评价，没法按评分挑选。"},
    "word_material": {"en": "material", "zh": "面料"},
    "word_fit": {"en": "fit", "zh": "版型"},
    "word_pattern": {"en": "pattern", "zh": "图案"},
    "word_sleeve": {"en": "sleeve length", "zh": "袖长"},
    "word_colors": {"en": "colours", "zh": "颜色"},
    "word_sizes": {"en": "sizes", "zh": "尺码"},
    # outfits and advice
    "outfit_reason_color": {
        "en": "{category} in {colors} to go with the {color} {title} — colours that pair well with {color}:",
        "zh": "搭配 {title}（{color}）的{category}，选{colors}，和{color}很搭：",
    },
    "outfit_reason": {"en": "{category} in {colors} to go with {title}:", "zh": "搭配 {title} 的{category}，选{colors}："},
    "outfit_reason_said": {"en": "{category} in {colors} to go with {title} — colours that pair well with {color}:",
                           "zh": "搭配{title}的{category}，选{colors}，和{color}很搭："},
    "outfit_unsold": {"en": "This shop doesn't sell {what}, so I can't suggest any.", "zh": "这家店不卖{what}，所以没法推荐。"},
    "outfit_none": {"en": "I have no {category} that would go with {title} right now.", "zh": "目前没有适合搭配 {title} 的{category}。"},
    "outfit_footer": {
        "en": "Nothing was added to your cart. Ask about any of them, or for another kind of piece.",
        "zh": "没有加入购物车。可以问我任何一件的详情，或者换一种单品。",
    },
    "advice_about": {"en": "About {title}:", "zh": "关于 {title}："},
    "advice_about_these": {"en": "Of the {count} shown:", "zh": "在这 {count} 件里："},
    "advice_settled": {"en": "#{position} {title}: {said}", "zh": "#{position} {title}：{said}"},
    "advice_retract": {"en": "— scratch that: I can't back it up from the facts I have.",
                       "zh": "——这句收回：我手上的商品信息不能证明它。"},
    "advice_sorry": {"en": "I couldn't put a good answer together just now — please ask again in a moment.",
                     "zh": "我现在没法回答这个问题，请稍后再试。"},
    "advice_unsure": {"en": "I don't have a good answer to that one. I'm best at finding pieces — tell me what you need, "
                            "e.g. \"a linen dress for a beach wedding\".",
                      "zh": "这个问题我答不好。我最擅长帮你找衣服——告诉我你需要什么，比如“去海边婚礼穿的亚麻连衣裙”。"},
    "advice_narrow": {
        "en": "I can't weigh that up for you right now. Tell me the occasion, the fit or the colours you like and I'll narrow these down — or try one on with your photo.",
        "zh": "我现在没法替你权衡这个问题。告诉我场合、喜欢的版型或颜色，我来帮你缩小范围——或者用你的照片试穿一件。",
    },
    "advice_unavailable": {
        "en": "I don't know the answer to that one. I can find pieces by kind, colour, fabric, fit, size and budget, "
              "and tell you what each is made of — tell me what you'd like.",
        "zh": "这个问题我不知道答案。我可以按款式、颜色、面料、版型、尺码和预算帮你找衣服，也能告诉你每件的材质——告诉我你想要什么。",
    },
    "advice_known_cards": {"en": "Here's what I know — and pieces that follow it:", "zh": "我知道的是这些——还有符合这个建议的单品："},
    # garment photos
    "photo_search_waits": {
        "en": "Without the photo I can't tell what you mean by it, so I'll look once it comes through.",
        "zh": "看不到照片，我就不知道你指的是哪件，照片发过来后我再帮你找。",
    },
    "photo_kept_to_try": {
        "en": "I've kept your photo too, so I can show any of these on you (\"try the first one on me\"). If that isn't "
              "you, send a photo of yourself.",
        "zh": "照片我也留下了，可以把这些商品试穿在你身上（比如说“试穿第一件”）。如果照片里不是你，发一张你自己的照片就可以。",
    },
    "photo_seen": {
        "en": "That looks like {what} — if I've read it wrong, tell me (\"it's navy\"), or ask for it in another colour. "
              "The closest I have:",
        "zh": "这看起来是{what}——如果我看错了请告诉我（比如“是藏青色的”），也可以说想要别的颜色。最相近的商品：",
    },
    "photo_refined": {"en": "Like your photo of {what}, but {request}:", "zh": "和您照片里的{what}相似，但要{request}："},
    "photo_again": {"en": "More like your photo of {what}:", "zh": "更多和您照片里的{what}相似的商品："},
    "photo_no_match": {"en": "I have nothing like it in the shop right now.", "zh": "店里暂时没有类似的商品。"},
    "photo_not_garment": {
        "en": "I can't see a person or a garment clearly in that photo. For try-on, send a photo of yourself; to find something similar, send a clear photo of the garment.",
        "zh": "这张照片里看不清人或衣服。试穿请发你自己的照片；找相似款请发一张清晰的衣服照片。",
    },
    "photo_several": {
        "en": "I can see more than one garment in that photo. Could you send a photo of just the one you'd like me to match?",
        "zh": "这张照片里不止一件衣服。能发一张只有你想找的那一件的照片吗？",
    },
    "photo_too_small": {
        "en": "The garment in that photo is too small for me to make out. Could you send a closer photo of it?",
        "zh": "照片里的衣服太小了，我看不清。能发一张离近一点的照片吗？",
    },
    "photo_blurred": {
        "en": "That photo is too blurred for me to see the garment's details. Could you send a sharper one?",
        "zh": "这张照片太模糊了，看不清衣服的细节。能再发一张清晰一点的吗？",
    },
    "photo_not_worn": {
        "en": "I can see someone in that photo, but not the garment you mean clearly enough to match it. A photo that shows the whole garment would work.",
        "zh": "照片里能看到人，但看不清你说的那件衣服。发一张能看到整件衣服的照片就可以。",
    },
    "photo_garment": {"en": "garment", "zh": "衣服"},
    # the rest
    "reset": {"en": "Done — starting fresh. What are you looking for?", "zh": "好的，重新开始。你想找什么？"},
    "greeting": {
        "en": "Hi! Tell me what you're looking for — a type of clothing, colour, size or budget.",
        "zh": "你好！告诉我你想找什么——衣服类型、颜色、尺码或预算都可以。",
    },
    "out_of_scope": {
        "en": "I can't help with that here, sorry. I can find clothes, answer questions about what I've shown you, suggest a size, keep your cart and show items on your photo.",
        "zh": "抱歉，这个我帮不上忙。我可以帮你找衣服、介绍已推荐的商品、建议尺码、管理购物车，以及用你的照片试穿。",
    },
    "welcome": {
        "en": "You're welcome! Anything else — another colour, a different size, or shall I show more?",
        "zh": "不客气！还需要什么吗——换个颜色、换个尺码，或者再看看更多？",
    },
    "not_understood": {
        "en": "Sorry, I didn't understand that. Tell me what you're looking for (a type of clothing, colour, size or "
              "budget), or ask about anything I've shown you.",
        "zh": "抱歉，我没看懂。告诉我你想找什么（衣服类型、颜色、尺码或预算），或者问问我推荐过的商品。",
    },
    "own_unseen": {
        "en": "I can't see your wardrobe — only your cart, and it's empty — so these aren't matched to it. Tell me a "
              "colour or piece you'll wear it with and I'll find ones that go.",
        "zh": "我看不到你的衣柜——只能看到购物车，而它是空的——所以这些没有按你的衣服搭配。告诉我你打算搭配的颜色或单品，我来找合适的。",
    },
    "take_your_time": {
        "en": "Take your time — everything I've shown you stays here. Ask about any of them, or tell me what to look for next.",
        "zh": "慢慢来——推荐过的商品都还在。可以问问其中任何一件，或者告诉我接下来想找什么。",
    },
    "anything_else": {
        "en": "Anything else — another colour, a different size, or shall I show more?",
        "zh": "还需要什么吗——换个颜色、换个尺码，或者再看看更多？",
    },
}

TEMPLATES: dict[str, dict[Lang, str]] = {**_OWN, **CART_TEMPLATES, **CHOICE_TEMPLATES, **CONFIRM_TEMPLATES, **DECIDE_TEMPLATES, **FOCUS_TEMPLATES, **OUTFIT_TEMPLATES,
                                     **SUITABILITY_TEMPLATES, **WHICH_TEMPLATES}  # type: ignore[dict-item]


# common.images words its refusals in English; these say the same to a Chinese-speaking shopper.
UPLOAD_PROBLEMS_ZH: dict[str, str] = {
    "empty": "这个文件是空的，请发一张照片（JPEG、PNG 或 WEBP）。",
    "too_large": "这个文件太大了，请发一张小一点的照片。",
    "not_an_image": "这个文件不是我能读取的照片，请发 JPEG、PNG、WEBP、GIF、BMP 或 TIFF 图片。",
    "corrupt": "这张照片文件已损坏或不完整，打不开。请重新发送或换一张。",
    "too_many_pixels": "这张图片的像素太多，无法安全打开，请发一张普通大小的照片。",
    "too_small": "这张图片太小了，看不清人。普通的手机照片效果最好。",
    "bad_shape": "这是一张长条或全景图片，请发一张正常的人像照片。",
    "missing": "没能读取这次上传，请重新附上照片。",
}


def say(key: str, lang: Lang, **values: object) -> str:
    """The template `key` in `lang`, filled with `values`."""
    return TEMPLATES[key][lang].format(**values)
