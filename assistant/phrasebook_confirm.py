"""The words of a question asked before acting on an unsure guess of an act that changes the cart, the session or
starts a render (`replies_choice.confirm`), English and Chinese."""

from __future__ import annotations

CONFIRM_TEMPLATES: dict[str, dict[str, str]] = {
    "confirm_add_to_cart": {"en": "Do you want {title}{number} in your cart? Say \"add it\" and I will.",
                            "zh": "要把{title}{number}加入购物车吗？说“加入购物车”我就加。"},
    "confirm_add_to_cart_variant": {"en": "Do you want {title}{number} in {variant} in your cart? Say \"add it\" and I will.",
                                    "zh": "要把{title}{number}（{variant}）加入购物车吗？说“加入购物车”我就加。"},
    "confirm_remove_from_cart": {"en": "Do you want {title} out of your cart? Say \"remove it\" and I will.",
                                 "zh": "要把{title}从购物车里删掉吗？说“删掉它”我就删。"},
    "confirm_add_many": {"en": "Do you want {titles}{size} in your cart? Say \"add them\" and I will.",
                         "zh": "要把{titles}{size}都加入购物车吗？说“都加上”我就加。"},
    "confirm_in_size": {"en": " in {size}", "zh": "（{size}码）"},
    "confirm_number": {"en": " (#{position})", "zh": "（#{position}）"},
    "confirm_undo": {"en": "Do you want me to undo your last cart change? Say \"undo\" and I will.",
                     "zh": "要撤销刚才对购物车的改动吗？说“撤销”我就撤销。"},
    "confirm_remove_many": {"en": "Do you want {titles} out of your cart? Say \"remove them all\" and I will.",
                            "zh": "要把{titles}都从购物车里删掉吗？说“全部删掉”我就删。"},
    "confirm_remove_from_cart_which": {"en": "Do you want to take something out of your cart? It holds {titles}. Say which, "
                                             "e.g. \"remove the jeans\".",
                                       "zh": "要从购物车里删掉什么吗？里面是：{titles}。告诉我是哪件，比如“删掉牛仔裤”。"},
    "confirm_try_on": {"en": "Do you want to see {title}{number} on your photo? Say \"try it on\" and I will.",
                       "zh": "要用你的照片试穿{title}{number}吗？说“试穿”我就开始。"},
    "confirm_reset": {"en": "Do you want to start over? That clears your search; your cart stays. Say \"start over\" and I will.",
                      "zh": "要重新开始吗？这会清空当前搜索，购物车保留。说“重新开始”我就清空。"},
}
