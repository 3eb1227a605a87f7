"""The words about the cart: what went in, what it holds, what came out, English and Chinese."""

from __future__ import annotations

CART_TEMPLATES: dict[str, dict[str, str]] = {
    # adding
    "added": {
        "en": "Added {title} ({variant}) to your cart — {price}. Your cart has {count} item(s).",
        "zh": "已把 {title}（{variant}）加入购物车——{price}。购物车里现在有 {count} 件。",
    },
    "added_many": {"en": "Added {items} to your cart. Your cart has {count} item(s).",
                   "zh": "已把{items}加入购物车。购物车里现在有 {count} 件。"},
    "added_item": {"en": "{title} ({variant}, {price})", "zh": "{title}（{variant}，{price}）"},
    "size_missing": {"en": "tell me your size before checkout", "zh": "结账前告诉我你的尺码"},
    "add_which_size": {"en": "Tell me another size and I'll add it.", "zh": "告诉我换哪个尺码，我就帮你加进去。"},
    "cart_changed": {"en": "Done — {title} in your cart is now {variant} instead of {old} — {price}.",
                     "zh": "好了——购物车里的{title}已从{old}改成{variant}——{price}。"},
    "cart_unchanged": {"en": "{title} in your cart is already {variant}.", "zh": "购物车里的{title}已经是{variant}了。"},
    "added_also_in": {"en": "It also comes in {colors}: say the colour to switch.",
                      "zh": "这款还有{colors}，说一下颜色就能换。"},
    "size_none": {"en": "no size", "zh": "未选尺码"},
    "confirm_add_in_cart": {"en": "{title} is already in your cart ({variant}). Say \"add another\" if you want a second one.",
                            "zh": "{title}已经在你的购物车里了（{variant}）。想再加一件就说“再加一件”。"},
    "cart_empty": {"en": "Your cart is empty.", "zh": "你的购物车是空的。"},
    "cart_head": {"en": "In your cart:", "zh": "购物车里有："},
    "cart_line": {"en": "- {qty} × {title}{variant} — {price}", "zh": "- {qty} × {title}{variant} — {price}"},
    "cart_total": {"en": "Total: {total}", "zh": "合计：{total}"},
    # taking out
    "removed": {"en": "Removed {titles} from your cart ({count} item(s) left).", "zh": "已从购物车移除 {titles}（还剩 {count} 件）。"},
    "undone": {"en": "Undone — {changes}. Your cart has {count} item(s).", "zh": "已撤销——{changes}。购物车里现在有 {count} 件。"},
    "undo_returned": {"en": "{titles} back in your cart", "zh": "{titles}放回了购物车"},
    "undo_taken": {"en": "{titles} out of your cart again", "zh": "{titles}又从购物车里拿出来了"},
    "nothing_to_undo": {"en": "There's no change to your cart to undo yet.", "zh": "还没有可以撤销的购物车改动。"},
    "remove_which": {"en": "Which one should I take out: {options}?", "zh": "要移除哪一件：{options}？"},
    "remove_no_match": {"en": "Nothing in your cart is that — it holds {titles}.", "zh": "购物车里没有这件——里面是：{titles}。"},
    "remove_not_found": {
        "en": "I couldn't tell which item to take out — say its name, or \"show my cart\" to see them.",
        "zh": "我没分清要移除哪一件——说一下名称，或者说“看看购物车”。",
    },
}
