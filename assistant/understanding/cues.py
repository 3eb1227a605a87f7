"""Word lists and cue patterns (regexes over folded, typo-corrected text).

Data the stages read: which words cue a command ("add to my bag"), a reset, a price move, a
size step, the end of a negation's scope, a pronoun. The command cues are named features
of the act classifier (`act_features`), never an act by themselves.
"""

from __future__ import annotations

import re

from assistant.understanding.tokens import term_tokens


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


CART = r"(?:cart|basket|bag|trolley|购物车)"
RESET_STRONG = rx(
    r"\bstart(?:ing)? (?:all )?(?:over|again|fresh|afresh|anew|from scratch)|\bfrom scratch\b|\bnew search\b|"
    r"\bfresh start\b|\bscratch (?:all|everything|all of) (?:that|this)?|\bscratch everything\b|\bforget (?:about )?(?:all|everything|it all|all of (?:that|this|it))\b|"
    r"\bforget (?:that|this)\b(?! (?:colou?r|size|price|budget|material|fabric|fit|pattern|style))|"
    r"\bclear (?:all|everything|it all|the filters|my filters|filters|that)\b|\breset\b|"
    r"\bbegin again\b|\bwipe (?:it|everything|the slate)|\bstart a new (?:search|one)\b|"
    r"\blet'?s try something (?:completely )?different\b|"
    r"重新(?:来|开始|找|搜|选)|重来|(?<!购物车)清空(?!(?:我的)?购物车)|从头(?:来|开始)|换个(?:别的)?东西"
)
FORGET_PHOTO = rx(
    r"\b(?:forget|delete|remove|erase|discard|drop|get rid of|wipe)\b[^.?!]{0,15}\b(?:photo|picture|pic|selfie|image)s?\b|"
    r"(?:删除|删掉|删了|忘掉|清除|去掉)(?:我的)?(?:照片|相片|自拍|图片)"
)
# A question about the shopper's own photo: where it is, whether it was received or is kept, what is done with it.
ABOUT_PHOTO = rx(
    r"\b(?:where(?:'s| is| did)|(?:do|did|have) you (?:still )?(?:have|keep|store|save|get|receive|see|got)|"
    r"what (?:do|will|did) you do with|who (?:can )?sees?)\b[^.?!]{0,12}\bmy (?:photo|picture|pic|selfie)s?\b|"
    r"\b(?:is|are) my (?:photo|picture|pic|selfie)s? (?:saved|stored|kept|safe|private)\b|"
    r"(?:我的)?(?:照片|相片|自拍)(?:呢|在哪|去哪|还在|会被|安全)|(?:保存|存着|留着)(?:了)?我的(?:照片|相片|自拍)"
)
RESET_WEAK = rx(r"\b(?:scratch that|never ?mind|nvm|forget it|cancel that)\b|算了")
RESET_WEAK_ALONE = rx(r"^\W*(?:ugh\W*|ok\W*|okay\W*|hmm\W*)?(?:scratch that|never ?mind|nvm|forget it|cancel that|算了(?:吧)?)\W*$")
# Words that say a position counts the shown list even where it would count the cart's lines.
NAMES_SHOWN = rx(r"\byou (?:showed|show(?:ed)? me|found|suggested|recommended|listed)\b|"
                 r"\b(?:in|on|from|of) (?:the|your) (?:list|results|search)\b|(?:你|刚才)(?:给我)?(?:推荐|找|展示|看)的")
# "the first one in my cart": a position that counts the cart's lines, whatever the act
NAMES_CART = rx(rf"\b(?:in|from|of) (?:my|the) {CART}\b|{CART}里的")
VIEW_CART = rx(
    rf"\b(?:what(?:'s| is| are|s)?|whats|show|view|see|check|look at|open|display|list|review)\b[^.?!]{{0,30}}{CART}|"
    rf"\bwhat do i have\b|\bwhat have i (?:got|added|picked)\b|\bwhat(?:'s| is) in (?:there|it) (?:now|so far)\b|"
    rf"^\W*(?:my )?{CART}\W*$|购物车里|看(?:看|一下)?(?:我的)?购物车|购物车(?:里)?(?:有|都有)(?:什么|啥|哪些)|查看购物车|我买了(?:什么|哪些)"
)
ADD_STRONG = rx(
    rf"\b(?:add|adding|added|put|throw|toss|pop|place|stick|move)\b[^.?!]{{0,40}}\b{CART}|"
    rf"\b(?:in|into|to) (?:the |my )?{CART}\b|\bgoes in (?:the |my )?{CART}|\bcheck ?out\b|"
    rf"加入购物车|加购|加到购物车|放进购物车|放入购物车|加进购物车|下单|结账"
)
ADD_WEAK = rx(
    r"\b(?:buy|buying|purchase|order|i'?ll take|i will take|i'?ll get|i will get|i'?ll have|take it|get it|"
    r"i want it|i'?ll go (?:with|for)|going with|(?<!to )go with|adding|add|grab|i'?ll grab|sold|want that one|"
    r"that'?s the one|i choose|i pick|i'?ll buy|cop|i'?ll cop|can i (?:get|have|order|buy))\b|我要(?:这|那|第|它)|就要|就它|买(?:这|那|了|它|第)|要了|拿(?:这|那|第)"
)
# Taking a line out of the cart ("take the second one out", "drop the jeans", "不要了").
REMOVE = rx(
    r"\b(?:remove|delete|drop|cancel|get rid of|discard|ditch)\b|\b(?:take|leave|pull|throw|toss)\b[^.?!]{0,30}\bout\b|"
    rf"\b(?:empty|clear|wipe)\b[^.?!]{{0,20}}{CART}|\bno longer (?:want|need)\b|\bdon'?t want (?:it|that|this|the)\b|"
    r"删|去掉|拿掉|移除|不要了|取消|清空(?:我的)?购物车|购物车.{0,3}清空"
)
# Asking for one pick among products ("help me decide", "which should I get?", "which would you pick", "选哪件").
DECIDE = rx(
    r"\b(?:help me|can'?t|cannot|hard to|trying to)\s+(?:decide|choose|pick)\b|\bwhich (?:one |of (?:these|them|those|the \w+) )?"
    r"(?:should|would|do) (?:i|you)\s+(?:get|buy|pick|choose|go for|go with|take|recommend)\b|"
    r"\bwhich\b[^.?!]{0,25}\b(?:is|would be|'s) (?:better|best|more suitable|the better choice) for\b|"
    r"帮我(?:选|挑|决定)|选哪(?:件|个|条|款)|哪(?:件|个|条|款)(?:更|最)(?:适合|好|合适)|买哪(?:件|个|条|款)"
)
# Words asking for one more of what the cart holds: without them, an add of a product already there keeps it.
ANOTHER = rx(r"\b(?:another|one more|a second|two of|second one|again|extra)\b|再(?:加|来|买)一|多(?:加|买)一|再要一")
# A piece asked for to wear over or under the product talked about ("a jacket to wear over it", "套在它外面").
LAYERED_ON = rx(r"\b(?:over|on top of|over the top of|underneath|under)\s+(?:it|this|that|them|these|those|the)\b|"
                r"(?:它|这件|那件)(?:的)?(?:外面|里面)|套在(?:它|这件|那件)?外面")
# Another kind of garment asked for in place of the one looked for ("maybe a puffer jacket instead", "换成裙子"):
# it is for the same need, so what was said of that need (a budget, an occasion, a colour) holds for it.
INSTEAD = rx(r"\binstead\b|\brather than\b|\bi'?d (?:much )?rather\b|\bin place of\b|\bswap (?:it |them )?for\b|"
             r"换成|改成|换一?(?:件|条|个)")
# Taking back the last change ("undo that", "put it back", "撤销").
UNDO = rx(r"\bundo\b|\b(?:put|bring|add) (?:it|that|them|those|everything) back\b|\b(?:revert|restore)\b|撤销|撤回|恢复|还原|放回")
TRY_ON = rx(
    r"\btry\b[^.?!]{0,40}\bon\b|\btry (?:it|this|that|them|#|the|number)\b|"
    r"\b(?:it|this|that|them|these|those|one|ones|\d+)\b[^.?!]{0,20}\bon me\b|\b(?:see|show|put|wear|look|visuali[sz]e)\w*\b[^.?!]{0,30}\bon me\b|"
    r"\b(?:show|see|picture|imagine)\s+me\s+(?:in|wearing)\b|\bme wearing\b|"
    r"\bsee (?:it|this|that|them|how)\b[^.?!]{0,25}\b(?:on|look)\b|\bhow (?:would|does|will|do) (?:it|this|that|they)[^.?!]{0,20}\blook\b|"
    r"\btry-?on\b|\bvirtual(?:ly)? try|\bwear it\b(?!\s+(?:with|to|for|at|over|under)\b)|\bmodel it\b|\bput (?:it|this|that|them) on\b|"
    r"试穿|试一下|试试|穿上|上身|穿在我身上|穿我身上|看看效果|试一试"
)
SIZE_HELP = rx(
    r"\b(?:what|which) size\b|\bsize (?:should|would|do|will|am|for|is right|fits?)\b|\bwhat size am i\b|"
    r"\b(?:is|would|will|should) (?:an? |the )?(?:size )?(?:xxs|xs|s|m|l|xl|xxl|2xl|small|medium|large)\b[^.?!]{0,25}"
    r"\b(?:right|ok|okay|fine|enough|good|fit|big|small|too|work)\b|\bwill (?:it|this|that|they) fit\b|\bfit me\b|"
    r"\b(?:will|would|does|do) (?:the|this|that|these|those)\b[^.?!]{0,25}\bfit\b|"
    r"\bsize (?:guide|chart|advice|recommendation|help)\b|\btoo (?:big|small|tight|loose) for me\b|\bsize up or down\b|"
    r"\b(?:xs|s|m|l|xl|xxl) or (?:xs|s|m|l|xl|xxl)\?|"
    r"穿什么码|什么尺码|什么码|多大(?:码|号)|哪个码|几码|尺码(?:建议|推荐)|选什么码|穿多大|码合适|合适吗|适合我吗|"
    r"(?:xs|s|m|l|xl|xxl)还是(?:xs|s|m|l|xl|xxl)|(?:大|小)了吗|会不会(?:太)?(?:大|小)"
)
COMPARE_STRONG = rx(
    r"\bcompare|\bcomparison\b|\bvs\.?\b|\bversus\b|\bdifference(?:s)? between\b|\bwhat'?s the difference\b|"
    r"\bside by side\b|对比|比较|区别|差别|不同"
)
DETAILS = rx(
    r"\?|\b(?:what|what's|whats|is|does|do|are|how|tell me|more about|details?|info|information|describe|made of|"
    r"material|fabric|price|cost|available|in stock|sizes?|colou?rs?|come in|have|pockets?|washable|warm|real)\b|"
    r"吗|什么|多少|面料|材质|尺码|颜色|介绍|详情|怎么样|有没有|有.码|几个|哪些"
)
MORE = rx(
    r"\b(?:show|give|see|got|have|any|are there|find)\b[^.?!]{0,15}\b(?:more|others|other ones|else|alternatives)\b|"
    r"^\W*(?:any |some |a few |few )?more\W*(?:please|pls|plz)?\W*$|"
    r"\bmore (?:options|results|like (?:this|these|that|those)|of (?:these|those|them)|please|pls|choices|styles|items|ideas|suggestions)\b|"
    r"\bnext (?:page|ones|few|results|batch)\b|^\W*next\W*(?:please|pls)?\W*$|\bother (?:options|ones|choices|styles)\b|"
    r"\bsomething else\b|\banything else\b|\bothers\b|\bkeep (?:going|looking|(?:em|'em|them|those|these|it) coming)\b|\bwhat else\b|"
    r"换一批|换几件|还有(?:别的|其他|其它|吗|没有|更多)|更多|再(?:来|看|给我)(?:几|一些|点)|下一页|别的款|"
    r"看看(?:别的|其他|其它)|(?:别的|其他的|其它的)(?:呢|款式)|换(?:一些|几个|别的)"
)
# Words asking what to wear with something ("what goes with it?", "第一件配什么好？"): a Chinese question shows the
# classifier nothing else, its words being no attribute the embedding reads, and "第一件透吗？" looked the same.
PAIRING = rx(
    r"\b(?:go(?:es)? (?:well |nicely )?with|pair(?:ed)? (?:it |this |them |that )?with|match(?:es)?|"
    r"wear (?:it |this |them |that )?with|style (?:it|this|that)|to go with)\b|配|搭"
)
SEARCH_CUE = rx(
    r"\b(?:looking for|look for|need|want|searching|search|find|show me|got any|do you (?:have|sell|carry)|"
    r"have you got|any|i'?m after|shopping for|recommend|suggest|something)\b|想买|想要|找|有没有|有吗|有卖|推荐|帮我|给我看|要一"
)
SMALLTALK = rx(
    r"\b(?:hi+|hello+|hey+|yo|hiya|howdy|morning|thanks?|thx|ty|thank you|cheers|bye|goodbye|cool|great|"
    r"perfect|nice|awesome|lifesaver|lol|ok|okay)\b|你好|您好|谢谢|多谢|再见|拜拜|好的|嗨|哈喽"
)
CHEAPER = rx(
    r"\bcheaper\b|\bless expensive\b|\blower (?:price|priced|cost)\b|\bmore affordable\b|\bless (?:pricey|pricy|costly)\b|"
    r"\b(?:a )?(?:bit|little|tad) (?:less|lower|cheaper)\b|\bfor less\b|\bspend less\b|"
    r"\bbudget(?:-| )friendly(?:er)?\b|\blower budget\b|(?<!not )(?<!nothing )\btoo (?:expensive|pricey|pricy|costly|much)\b|"
    r"\b(?:over|out of|above|beyond) (?:my|the|our) budget\b|(?<!不要)(?<!别)(?<!不能)(?<!不会)太贵|超预算|便宜(?:一)?(?:点|些)|更便宜|便宜的|价格低一?(?:点|些)|再便宜"
)
PRICIER = rx(
    r"\bpricier\b|\bpricer\b|\bmore expensive\b|\bhigher(?:-| )end\b|\bmore premium\b|\bfancier\b|\bmore upmarket\b|"
    r"\bhigher price\b|\bbetter quality\b|贵一?(?:点|些)的|更贵|高档一?点|高端一?点|好一点的"
)
SIZE_UP = rx(r"\b(?:a |one )?size (?:up|bigger|larger)\b|\b(?:bigger|larger) (?:size|one)\b|\bsize up\b|\bone size bigger\b|大一(?:码|号)|大一点的码")
SIZE_DOWN = rx(r"\b(?:a |one )?size (?:down|smaller)\b|\bsmaller (?:size|one)\b|\bsize down\b|小一(?:码|号)|小一点的码")
ADDITIVE = rx(
    r"\b(?:also|as well|plus|in addition|additionally)\b|\btoo\b(?=\s*(?:[,.!?;]|$|please|pls|thanks|i guess|maybe))|"
    r"\b(?:is|are|would be) (?:fine|ok|okay|good) too\b|也(?:行|可以|要|不错)|都(?:行|可以)"
)
DROP_VALUE = rx(
    r"\b(?:forget|drop|remove|ignore|lose|skip|scrap|ditch|never ?mind|no need for|don'?t need)\s+(?:about\s+)?(?:the|that|my)\b|"
    r"(?:去掉|不用|不需要|取消)"
)
_SLOT_WORDS: dict[str, tuple[str, ...]] = {
    "colou?rs?": ("color",), "sizes?": ("size",), "price(?: range| limit| cap)?": ("min_price", "max_price"),
    "budget": ("min_price", "max_price"), "materials?": ("material",), "fabrics?": ("material",),
    "fit": ("fit",), "patterns?": ("pattern",), "prints?": ("pattern",), "styles?": ("style",),
    "sleeves?(?: length)?": ("sleeve",), "gender": ("gender",), "occasion": ("occasion",),
    "颜色": ("color",), "尺码": ("size",), "码数": ("size",), "价格": ("min_price", "max_price"),
    "预算": ("min_price", "max_price"), "价位": ("min_price", "max_price"), "材质": ("material",),
    "面料": ("material",), "版型": ("fit",), "图案": ("pattern",), "风格": ("style",), "袖长": ("sleeve",),
}


def clear_patterns() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    out = []
    for word, slots in _SLOT_WORDS.items():
        if re.match(r"[a-z]", word):
            pattern = (
                rf"\bany (?:{word})\b(?! but| except| other)|\b(?:{word}) (?:doesn'?t|does not|don'?t|do not|won'?t) matter|"
                rf"\bdon'?t care (?:about|what|which) (?:the )?(?:{word})|\bwhatever (?:{word})\b|"
                rf"\bno (?:{word}) (?:preference|limit|requirement|restriction)s?\b|"
                rf"\b(?:remove|drop|forget|ignore|lose|clear|scrap|ditch|skip|reset) (?:about )?(?:the |my |that )?(?:{word})(?: filter| limit| constraint| preference| requirement| range| cap)?\b|"
                rf"\b(?:{word}) (?:is |are )?(?:optional|flexible|not important)\b|\bno (?:{word}) filter\b"
            )
        else:
            pattern = rf"(?:{word})(?:无所谓|都(?:行|可以|好)|随便|不限|不重要)|不限(?:{word})|什么(?:{word})都(?:行|可以|好)|(?:{word})不(?:用|要)限"
        out.append((re.compile(pattern), slots))
    return out


CLEAR_PATTERNS = clear_patterns()

# ---- token-level cue tables ---------------------------------------------------------

NEG_CUES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (term_tokens(c) for c in (
            "no", "not", "nothing", "none", "without", "anything but", "anything except", "except",
            "avoid", "hate", "don't want", "dont want", "do not want", "don't like", "dont like",
            "do not like", "not a fan of", "rather not", "never", "nor", "but not", "other than",
            "no more", "anything other than", "excluding", "skip the", "not into", "allergic to", "rather than",
            "instead of", "in place of",
            "不要", "不想要", "别", "不含", "不喜欢", "讨厌", "除了", "不能是", "不是", "不想", "拒绝", "不穿",
        )),
        key=len, reverse=True,
    )
)
# "less formal", "a bit less baggy": a comparative lessening is a wish away from the word it qualifies
LESSENING = frozenset({"less"})
SCOPE_END_WORDS = frozenset({
    "but", "and", "just", "only", "instead", "rather", "bc", "because", "cause", "cos", "since",
    "prefer", "want", "need", "maybe", "though", "tho", "although", "also", "so", "please", "pls",
    "it", "i", "thanks", "ok", "okay", "is", "are", "would", "should", "like",
    # a clause's subject after "no" answers back ("no, it's checked"): it negates nothing it says
    "it's", "its", "they're", "i'm", "i'd", "i'll", "mine", "he's", "she's", "we're",
})
# "light blue with small white flowers": a colour after one of these, just before the word for a motif printed on
# a ground ("flowers", "dots", "logo"), is the print's colour, not the garment's, and so is one joined to it ("blue
# and white flowers"). Stripes and checks are not on a ground: "a shirt with blue and white stripes" is a blue and
# white shirt. Chinese is read a character at a time: 带 (with) and 印 (printed) stand for 带有 and 印有.
PRINT_ON = frozenset({"with", "带", "印"})
MOTIFS = frozenset({"floral", "polka-dot", "graphic"})
PRINT_REACH = 4               # tokens from the cue to the colour ("with a few small white flowers", "带有一些白色")
PRINT_GAP = 1                 # a word between the colour and the motif ("white tiny dots"), not a conjunction
SCOPE_END_CJK = frozenset({"但", "要", "只", "可", "就", "想", "，", "。", "可以"})
# Words before garments the shopper has ("I already have dark jeans", "我有"), and before those a garment is to be
# worn with ("to go with navy trousers", "配"): neither is a garment looked for; only the first are theirs.
HAVE_CUES: tuple[tuple[str, ...], ...] = tuple(
    term_tokens(c) for c in (
        "i have", "i've got", "i got", "i own", "i already have", "i bought", "bought", "i'm wearing",
        "i am wearing", "we have", "i've", "i already own", "我有", "配我的", "搭配我的",
    )
)
OWN_CUES: tuple[tuple[str, ...], ...] = HAVE_CUES + tuple(
    term_tokens(c) for c in (
        "i'll wear", "going with", "go with", "goes with", "to match", "match", "matches", "pair with", "pairs with",
        "wear with", "配",
    )
)
# Words that take a removal to every line of the cart ("empty my cart", "remove everything", "清空购物车"), or to
# every line the words describe ("take all the shirts out").
WHOLE_CART = re.compile(r"\b(?:everything|all|every|empty|clear|wipe)\b|清空|全部|所有|都", re.IGNORECASE)
# Words naming one of the outfits shown ("add the first outfit", "try this set on me", "第一套"); Chinese is
# read a character at a time.
OUTFIT_WORDS = frozenset({"outfit", "outfits", "set", "combo", "套"})
OWN_END = frozenset({"but", "and", "need", "want", "looking", "so", "please", "i"})
LACK_VERBS = frozenset({"have", "got", "own", "'ve", "i've"})
# Words after an ordinal ("the second ...") that leave it naming a product on the list: a noun for one, or the
# verb or preposition that goes on about it ("the second one", "does the second come in blue", "the second in red")
AFTER_POSITION = frozenset({
    "one", "ones", "pair", "pairs", "item", "items", "option", "options", "piece", "product", "look", "outfit", "set", "combo",
    "style", "model", "choice", "in", "on", "to", "please", "pls", "?", "is", "and", "or", "vs", "then",
    "for", "with", "-", ",", "looks", "goes", "would", "seems", "i", "but", "was", ".", "!",
    "come", "comes", "came", "has", "have", "had", "does", "did", "fit", "fits", "cost", "costs", "work", "works",
    "suit", "suits", "feel", "feels", "run", "runs", "from", "go", "match", "matches", "be", "also", "really",
    "still", "too", "can", "could", "will", "should", "might",
})
NON_PRODUCT_NOUNS = frozenset({
    "time", "times", "week", "weekend", "month", "year", "night", "day", "date", "minute", "second",
    "thing", "things", "step", "impression", "name", "season", "hand", "place", "half", "few", "couple",
    "of", "floor", "stop", "chance", "resort", "call", "try", "choice", "minute",
    "birthday", "bday", "anniversary", "century", "grade", "edition", "street", "avenue", "round",
})
POSSESSIVES = frozenset({"my", "his", "her", "our", "their", "your"})
OTHER = rx(r"\b(?:else|other|different)\b|别的|其他|其它")
LOOK = rx(r"\b(?:show|see|look at|pull up|bring up|view)\b|看看|给我看")
# "one like that coat, but ...": a shown product as the model of a new request (a refine)
LIKE_SHOWN = rx(r"\b(?:similar|alike|(?:something|anything|one|ones|else|more|others?|items?) (?:just )?like (?:the|that|this|those|these|it|them)|same (?:brand|colou?rs?|"
                r"price|style|pattern|size|sizes|rating|reviews?|material|designer))\b|类似|差不多的|一样的|同款")
# Words sent with a photo of someone asking for one like what they wear, beyond "something like this" (`LIKE_SHOWN`):
# "one like his", "the same but in red", "what she's wearing" (`photo_words`); not "the same size".
LIKE_WORN = rx(r"\b(?:like (?:his|her|hers|theirs|mine|what)|same (?:one|ones|thing|but|in|as (?:his|her|hers|theirs|this|"
               r"that|mine))|(?:he|she|they|he's|she's|they're) (?:is |are )?wearing)\b|一样")
# Words naming the photo itself ("the jacket in the photo", "图里的裙子"): what it shows is meant, when products are asked for.
THE_PHOTO = rx(r"\b(?:photo|picture|pic|image)\b|照片|图片|图里|图中")
# Chinese words pointing at one thing ("这件", "它"): read a character pair at a time, with no word boundaries
ZH_THIS = r"这件|那件|这个|那个|这款|那款|它"
# Words referring back to one product ("is it better for a wedding?"): not a choice among several.
SINGULAR = re.compile(r"\b(?:it|its|it's|this one|that one)\b|" + ZH_THIS)
PRONOUN = re.compile(r"\b(?:it|this|that|these|those|them|this one|that one|its|it's)\b|" + ZH_THIS)
# A Chinese question answered yes or no, which drops the "it" it asks about ("适合冬天穿吗？", "会不会太热"): a word said
# then denied (是不是, 扎不扎, 合不合适, 有没有: a character, 不 or 没, the same character again) asks it as 吗 does.
ZH_YES_NO = re.compile(r"吗\W*$|(?P<denied>[\u4e00-\u9fff])[不没](?P=denied)|是否")
# A question answered yes or no ("is it see-through?", "does it crease?", "这件透吗"), also one asked after a clause
# that sets it up ("hmm the neckline, is it a crew neck?"): when it asks no fact the catalog holds, the reply says it
# answers from the shop's listing alone.
YES_NO = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay|also|well|hmm|alright|right)\W+)?(?:is|are|does|do|did|can|could|would|will|should|"
    r"has|have)\b|"
    r"(?:[,;.!]|\b(?:and|but|so)\b)\s*(?:is|are|does|do|did|can|could|would|will|should|has|have)\s+"
    r"(?:it|they|this|that|these|those|there)\b|"
    + ZH_YES_NO.pattern,
    re.IGNORECASE,
)
# A question, also one asked after a clause that sets it up, unpunctuated ("off to iceland in july, is it worth packing
# a rain jacket", "my jumper shrank in the wash, what did i do wrong"): a question word opening the message or a clause.
ASKING = re.compile(
    r"[?？]|^\W*(?:(?:and|so|but|ok|okay|also|well|hmm|alright|right)\W+)?"
    r"(?:what|which|how|where|when|why|who|whose|is|are|am|do|does|did|can|could|would|will|should|"
    r"shall|may|any|anything|have you|got)\b|\b(?:whats|hows|wheres|whys)\b|"
    r"(?:[,;.!]|\b(?:and|but|so)\b)\s*(?:(?:what|which|how|where|when|why|who)\b|"
    r"(?:is|are|do|does|did|can|could|would|will|should)\s+(?:i|it|they|you|we|he|she|this|that|these|those|there|my)\b)|"
    r"吗|呢|什么|多少|怎么|哪|几|是否|能不能|可不可以|有没有|是不是|会不会|要不要|好不好|行不行|啥|咋",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    return bool(ASKING.search(text or ""))
