"""The grounded rule layer: intent, slot changes, references and measurements from one message.

Every value comes from a lexicon hit on the shopper's own words, so nothing is invented.
Context decides what a hit means: inside a negation scope it is an exclusion ("nothing
slim-fit", "不要 polyester"), inside an idiom it is nothing ("Black Friday", "feeling
blue"), inside a description of what the shopper already owns it is nothing ("I have these
grey trousers"), and in a question about a shown product it does not change the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from catalog.vocabulary import LIST_SLOTS, SIZES

from assistant.slots import SearchRequest
from assistant.understanding import phrases
from assistant.understanding.lexicon import Lexicon, Mention, Token, fold, term_tokens, tokenize
from assistant.understanding.model import SlotChanges, Understanding
from assistant.understanding.facts import asked_facts
from assistant.understanding.quantities import cn_number, find_measurements, find_prices
from assistant.understanding.references import Pointing, ShownItem, find_descriptions, resolve_all


@dataclass(frozen=True)
class Context:
    """What understanding needs to know about the conversation so far."""

    request: SearchRequest = field(default_factory=SearchRequest)
    last_ref: int | None = None
    last_action: str | None = None   # the last product intent (try_on, compare, ...)
    shown_count: int = 0
    shown_tags: tuple[frozenset[tuple[str, str]], ...] = ()   # (slot, value) pairs per shown position
    shown_prices: tuple[float | None, ...] = ()
    last_refs: tuple[int, ...] = ()   # every position the last product turn named ("both", "the cheaper one")

    @property
    def has_request(self) -> bool:
        return not self.request.is_empty()

    def shown_items(self) -> tuple[ShownItem, ...]:
        prices = self.shown_prices or (None,) * len(self.shown_tags)
        return tuple(ShownItem(i, tags, price) for i, (tags, price) in enumerate(zip(self.shown_tags, prices), 1))


# ---- intent cues (regexes over folded, typo-corrected text) -------------------------

def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_CART = r"(?:cart|basket|bag|trolley|购物车)"
RESET_STRONG = _rx(
    r"\bstart(?:ing)? (?:all )?(?:over|again|fresh|afresh|anew|from scratch)|\bfrom scratch\b|\bnew search\b|"
    r"\bfresh start\b|\bscratch (?:all|everything|all of) (?:that|this)?|\bscratch everything\b|\bforget (?:about )?(?:all|everything|it all|all of (?:that|this|it))\b|"
    r"\bforget (?:that|this)\b(?! (?:colou?r|size|price|budget|material|fabric|fit|pattern|style))|"
    r"\bclear (?:all|everything|it all|the filters|my filters|filters|that)\b|\breset\b|"
    r"\bbegin again\b|\bwipe (?:it|everything|the slate)|\bstart a new (?:search|one)\b|"
    r"\blet'?s try something (?:completely )?different\b|"
    r"重新(?:来|开始|找|搜|选)|重来|清空|从头(?:来|开始)|换个(?:别的)?东西"
)
FORGET_PHOTO = _rx(
    r"\b(?:forget|delete|remove|erase|discard|drop|get rid of|wipe)\b[^.?!]{0,15}\b(?:photo|picture|pic|selfie|image)s?\b|"
    r"(?:删除|删掉|删了|忘掉|清除|去掉)(?:我的)?(?:照片|相片|自拍|图片)"
)
RESET_WEAK = _rx(r"\b(?:scratch that|never ?mind|nvm|forget it|cancel that)\b|算了")
RESET_WEAK_ALONE = _rx(r"^\W*(?:ugh\W*|ok\W*|okay\W*|hmm\W*)?(?:scratch that|never ?mind|nvm|forget it|cancel that|算了(?:吧)?)\W*$")
VIEW_CART = _rx(
    rf"\b(?:what(?:'s| is| are|s)?|whats|show|view|see|check|look at|open|display|list|review)\b[^.?!]{{0,30}}{_CART}|"
    rf"\bwhat do i have\b|\bwhat have i (?:got|added|picked)\b|\bwhat(?:'s| is) in (?:there|it) (?:now|so far)\b|"
    rf"^\W*(?:my )?{_CART}\W*$|购物车里|看(?:看|一下)?(?:我的)?购物车|购物车(?:里)?(?:有|都有)(?:什么|啥|哪些)|查看购物车|我买了(?:什么|哪些)"
)
_NOT_VIEW = _rx(rf"\b(?:add|adding|put|throw|toss|pop|place|stick)\b|加入|放进|加到|放入|加进")
ADD_STRONG = _rx(
    rf"\b(?:add|adding|added|put|throw|toss|pop|place|stick|move)\b[^.?!]{{0,40}}\b{_CART}|"
    rf"\b(?:in|into|to) (?:the |my )?{_CART}\b|\bgoes in (?:the |my )?{_CART}|\bcheck ?out\b|"
    rf"加入购物车|加购|加到购物车|放进购物车|放入购物车|加进购物车|下单|结账"
)
ADD_WEAK = _rx(
    r"\b(?:buy|buying|purchase|order|i'?ll take|i will take|i'?ll get|i will get|i'?ll have|take it|get it|"
    r"i want it|i'?ll go (?:with|for)|going with|(?<!to )go with|adding|add|grab|i'?ll grab|sold|want that one|"
    r"that'?s the one|i choose|i pick|i'?ll buy|cop|i'?ll cop|can i (?:get|have|order|buy))\b|我要(?:这|那|第|它)|就要|就它|买(?:这|那|了|它|第)|要了|拿(?:这|那|第)"
)
TRY_ON = _rx(
    r"\btry\b[^.?!]{0,40}\bon\b|\btry (?:it|this|that|them|#|the|number)\b|"
    r"\b(?:it|this|that|them|these|those|one|ones|\d+)\b[^.?!]{0,20}\bon me\b|\b(?:see|show|put|wear|look|visuali[sz]e)\w*\b[^.?!]{0,30}\bon me\b|"
    r"\b(?:show|see|picture|imagine)\s+me\s+(?:in|wearing)\b|\bme wearing\b|"
    r"\bsee (?:it|this|that|them|how)\b[^.?!]{0,25}\b(?:on|look)\b|\bhow (?:would|does|will|do) (?:it|this|that|they)[^.?!]{0,20}\blook\b|"
    r"\btry-?on\b|\bvirtual(?:ly)? try|\bwear it\b|\bmodel it\b|\bput (?:it|this|that|them) on\b|"
    r"试穿|试一下|试试|穿上|上身|穿在我身上|穿我身上|看看效果|试一试"
)
SIZE_HELP = _rx(
    r"\b(?:what|which) size\b|\bsize (?:should|would|do|will|am|for|is right|fits?)\b|\bwhat size am i\b|"
    r"\b(?:is|would|will|should) (?:an? |the )?(?:size )?(?:xxs|xs|s|m|l|xl|xxl|2xl|small|medium|large)\b[^.?!]{0,25}"
    r"\b(?:right|ok|okay|fine|enough|good|fit|big|small|too|work)\b|\bwill (?:it|this|that|they) fit\b|\bfit me\b|"
    r"\b(?:will|would|does|do) (?:the|this|that|these|those)\b[^.?!]{0,25}\bfit\b|"
    r"\bsize (?:guide|chart|advice|recommendation|help)\b|\btoo (?:big|small|tight|loose) for me\b|\bsize up or down\b|"
    r"\b(?:xs|s|m|l|xl|xxl) or (?:xs|s|m|l|xl|xxl)\?|"
    r"穿什么码|什么尺码|什么码|多大(?:码|号)|哪个码|几码|尺码(?:建议|推荐)|选什么码|穿多大|码合适|合适吗|适合我吗|"
    r"(?:xs|s|m|l|xl|xxl)还是(?:xs|s|m|l|xl|xxl)|(?:大|小)了吗|会不会(?:太)?(?:大|小)"
)
COMPARE_STRONG = _rx(
    r"\bcompare|\bcomparison\b|\bvs\.?\b|\bversus\b|\bdifference(?:s)? between\b|\bwhat'?s the difference\b|"
    r"\bside by side\b|对比|比较|区别|差别|不同"
)
BOTH = _rx(r"\b(?:these|those|the) two\b|\bboth\b|这两|那两")
COMPARE_WEAK = _rx(r"\bwhich\b|\bbetter\b|\bor\b|哪个|哪件|哪一件|哪款|哪条|比|\?")
DETAILS = _rx(
    r"\?|\b(?:what|what's|whats|is|does|do|are|how|tell me|more about|details?|info|information|describe|made of|"
    r"material|fabric|price|cost|available|in stock|sizes?|colou?rs?|come in|have|pockets?|washable|warm|real)\b|"
    r"吗|什么|多少|面料|材质|尺码|颜色|介绍|详情|怎么样|有没有|有.码|几个|哪些"
)
MORE = _rx(
    r"\b(?:show|give|see|got|have|any|are there|find)\b[^.?!]{0,15}\b(?:more|others|other ones|else|alternatives)\b|"
    r"^\W*(?:any |some |a few |few )?more\W*(?:please|pls|plz)?\W*$|"
    r"\bmore (?:options|results|like (?:this|these|that|those)|of (?:these|those|them)|please|pls|choices|styles|items|ideas|suggestions)\b|"
    r"\bnext (?:page|ones|few|results|batch)\b|^\W*next\W*(?:please|pls)?\W*$|\bother (?:options|ones|choices|styles)\b|"
    r"\bsomething else\b|\banything else\b|\bothers\b|\bkeep (?:going|looking|(?:em|'em|them|those|these|it) coming)\b|\bwhat else\b|"
    r"换一批|换几件|还有(?:别的|其他|其它|吗|没有|更多)|更多|再(?:来|看|给我)(?:几|一些|点)|下一页|别的款|"
    r"看看(?:别的|其他|其它)|(?:别的|其他的|其它的)(?:呢|款式)|换(?:一些|几个|别的)"
)
SEARCH_CUE = _rx(
    r"\b(?:looking for|look for|need|want|searching|search|find|show me|got any|do you (?:have|sell|carry)|"
    r"have you got|any|i'?m after|shopping for|recommend|suggest|something)\b|想买|想要|找|有没有|推荐|帮我|给我看|要一"
)
SMALLTALK = _rx(
    r"\b(?:hi+|hello+|hey+|yo|hiya|howdy|morning|thanks?|thx|ty|thank you|cheers|bye|goodbye|cool|great|"
    r"perfect|nice|awesome|lifesaver|lol|ok|okay)\b|你好|您好|谢谢|多谢|再见|拜拜|好的|嗨|哈喽"
)
CHEAPER = _rx(
    r"\bcheaper\b|\bless expensive\b|\blower (?:price|priced|cost)\b|\bmore affordable\b|\bless (?:pricey|pricy|costly)\b|"
    r"\bbudget(?:-| )friendly(?:er)?\b|\blower budget\b|(?<!not )(?<!nothing )\btoo (?:expensive|pricey|pricy|costly|much)\b|"
    r"\b(?:over|out of|above|beyond) (?:my|the|our) budget\b|(?<!不要)(?<!别)(?<!不能)(?<!不会)太贵|超预算|便宜(?:一)?(?:点|些)|更便宜|便宜的|价格低一?(?:点|些)|再便宜"
)
PRICIER = _rx(
    r"\bpricier\b|\bpricer\b|\bmore expensive\b|\bhigher(?:-| )end\b|\bmore premium\b|\bfancier\b|\bmore upmarket\b|"
    r"\bhigher price\b|\bbetter quality\b|贵一?(?:点|些)的|更贵|高档一?点|高端一?点|好一点的"
)
SIZE_UP = _rx(r"\b(?:a |one )?size (?:up|bigger|larger)\b|\b(?:bigger|larger) (?:size|one)\b|\bsize up\b|\bone size bigger\b|大一(?:码|号)|大一点的码")
SIZE_DOWN = _rx(r"\b(?:a |one )?size (?:down|smaller)\b|\bsmaller (?:size|one)\b|\bsize down\b|小一(?:码|号)|小一点的码")
ADDITIVE = _rx(
    r"\b(?:also|as well|plus|in addition|additionally)\b|\btoo\b(?=\s*(?:[,.!?;]|$|please|pls|thanks|i guess|maybe))|"
    r"\b(?:is|are|would be) (?:fine|ok|okay|good) too\b|也(?:行|可以|要|不错)|都(?:行|可以)"
)
DROP_VALUE = _rx(
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


def _clear_patterns() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
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


CLEAR_PATTERNS = _clear_patterns()

# ---- token-level cue tables ---------------------------------------------------------

_NEG_CUES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (term_tokens(c) for c in (
            "no", "not", "nothing", "none", "without", "anything but", "anything except", "except",
            "avoid", "hate", "don't want", "dont want", "do not want", "don't like", "dont like",
            "do not like", "not a fan of", "rather not", "never", "nor", "but not", "other than",
            "no more", "anything other than", "excluding", "skip the", "not into", "allergic to",
            "不要", "不想要", "别", "不含", "不喜欢", "讨厌", "除了", "不能是", "不是", "不想", "拒绝", "不穿",
        )),
        key=len, reverse=True,
    )
)
_SCOPE_END_WORDS = frozenset({
    "but", "and", "just", "only", "instead", "rather", "bc", "because", "cause", "cos", "since",
    "prefer", "want", "need", "maybe", "though", "tho", "although", "also", "so", "please", "pls",
    "it", "i", "thanks", "ok", "okay", "is", "are", "would", "should", "like",
})
_SCOPE_END_CJK = frozenset({"但", "要", "只", "可", "就", "想", "，", "。", "可以"})
_OWN_CUES: tuple[tuple[str, ...], ...] = tuple(
    term_tokens(c) for c in (
        "i have", "i've got", "i got", "i own", "i already have", "i bought", "bought", "i'm wearing",
        "i am wearing", "we have", "i've", "i already own", "i'll wear", "going with", "go with",
        "goes with", "to match", "match", "matches", "pair with", "pairs with", "wear with",
        "我有", "配我的", "搭配我的", "配",
    )
)
_OWN_END = frozenset({"but", "and", "need", "want", "looking", "so", "please", "i"})
_LACK_VERBS = frozenset({"have", "got", "own", "'ve", "i've"})
_PRODUCT_NOUNS = frozenset({
    "one", "ones", "pair", "pairs", "item", "items", "option", "options", "piece", "product", "look",
    "style", "model", "choice", "in", "on", "to", "please", "pls", "?", "is", "and", "or", "vs", "then",
    "for", "with", "-", ",", "looks", "goes", "would", "seems", "i", "but", "was", ".", "!",
})
_NON_PRODUCT_NOUNS = frozenset({
    "time", "times", "week", "weekend", "month", "year", "night", "day", "date", "minute", "second",
    "thing", "things", "step", "impression", "name", "season", "hand", "place", "half", "few", "couple",
    "of", "floor", "stop", "chance", "resort", "call", "try", "choice", "minute",
    "birthday", "bday", "anniversary", "century", "grade", "edition", "street", "avenue", "round",
})
_POSSESSIVES = frozenset({"my", "his", "her", "our", "their", "your"})
_PRONOUN = re.compile(r"\b(?:it|this|that|these|those|them|this one|that one|its|it's)\b|这件|那件|这个|那个|这款|那款|它")
_QUESTION = re.compile(r"\?|吗|呢|什么|多少|怎么|哪|几|\b(?:what|which|how|is|are|does|do|can|could|would|will)\b")


def _osa(a: str, b: str, limit: int = 1) -> int:
    """Optimal-string-alignment distance (a transposition costs 1), early exit past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class Analyzer:
    """Rule-based understanding over one lexicon; stateless between calls."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._known_words = (
            phrases.COMMON_WORDS | lexicon.fuzzy_targets | frozenset(phrases.ORDINAL_WORDS)
            | frozenset(phrases.RELATION_GENDER)
            | frozenset(w for key in lexicon.terms for w in key)
        )
        by_len: dict[int, list[str]] = {}
        for target in lexicon.fuzzy_targets:
            by_len.setdefault(len(target), []).append(target)
        self._targets_by_len = by_len
        self._false_friends = [term_tokens(p) for p in phrases.FALSE_FRIENDS]
        self._category_words = frozenset(
            key[-1] for key, pairs in lexicon.terms.items() if any(s == "category" for s, _ in pairs)
        )

    # -- public ----------------------------------------------------------------------

    def analyse(self, text: str, context: Context | None = None, image: str | None = None) -> Understanding:
        ctx = context or Context()
        parse = self._parse(text or "", ctx)
        return self._decide(parse, ctx, image)

    def mentions(self, text: str) -> list[Mention]:
        """Every lexicon hit in the message, before context rules (used to ground LLM output)."""
        tokens = tokenize(text or "")
        words = [self._correct(t) for t in tokens]
        return self.lexicon.find(words)

    # -- parsing ---------------------------------------------------------------------

    def _correct(self, token: Token) -> str:
        """Fix a one-edit typo towards the vocabulary ("jakcet", "cheeper"), never a real word."""
        word = token.text
        if not token.is_word or len(word) < 4 or not word.isalpha() or word in self._known_words:
            return word
        best: list[str] = []
        for size in (len(word) - 1, len(word), len(word) + 1):
            for target in self._targets_by_len.get(size, ()):
                if _osa(word, target) > 1:
                    continue
                # One substituted letter turns real words into others (silk/sick, start/smart):
                # only long words get that benefit of the doubt.
                if size == len(word) and len(word) < 6 and sorted(word) != sorted(target):
                    continue
                best.append(target)
        return best[0] if len(set(best)) == 1 else word

    def _parse(self, text: str, ctx: Context | None = None) -> "_Parse":
        folded = fold(text)
        measurements, meas_spans = find_measurements(folded)
        prices = find_prices(folded, list(meas_spans))
        tokens = tokenize(text)
        words = [self._correct(t) for t in tokens]
        corrected = _rebuild(folded, tokens, words)
        taken = list(meas_spans) + list(prices.spans)
        masked = {i for i, t in enumerate(tokens) if any(s <= t.start < e for s, e in taken)}
        refs, ref_tokens, bare_pairs = self._refs(folded, tokens, words, masked)
        masked |= ref_tokens
        masked |= self._idioms(tokens, words)
        mentions = [m for m in self.lexicon.find(words, skip=masked)]
        mentions = [m for m in mentions if not self._proper_noun(m, tokens)]
        pointing = self._pointing(words, mentions, ref_tokens, ctx)
        pointed = {k for d in pointing.descriptions for k in range(d.start, d.end)} if not pointing.unmatched else set()
        if pointed:
            mentions = [m for m in mentions if m.start not in pointed]
        return _Parse(
            text=text, folded=folded, corrected=corrected, tokens=tokens, words=words, masked=masked,
            mentions=mentions, measurements=measurements, min_price=prices.min_price,
            max_price=prices.max_price, refs=refs, bare_pairs=bare_pairs, pointing=pointing,
        )

    def _pointing(self, words: list[str], mentions: list[Mention], ref_tokens: set[int], ctx: Context | None) -> Pointing:
        """Descriptions of shown products ("the black one"); their words point, they are not filters."""
        if ctx is None or not ctx.shown_tags:
            return Pointing()
        found = [d for d in find_descriptions(words, mentions, self._category_words)
                 if not any(k in ref_tokens for k in range(d.start, d.end))]
        return resolve_all(found, ctx.shown_items(), ctx.last_refs) if found else Pointing()

    def _idioms(self, tokens: list[Token], words: list[str]) -> set[int]:
        hidden: set[int] = set()
        for phrase in self._false_friends:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) == phrase:
                    hidden.update(range(i, i + n))
        return hidden

    def _proper_noun(self, mention: Mention, tokens: list[Token]) -> bool:
        """"Green Day", "Pink Floyd": a capitalised colour followed by a capitalised non-term."""
        if mention.slot != "color" or mention.end - mention.start != 1:
            return False
        raw = tokens[mention.start].raw
        if not (raw[:1].isupper() and raw[1:].islower()) or mention.end >= len(tokens):
            return False
        nxt = tokens[mention.end]
        return nxt.raw[:1].isupper() and nxt.raw[1:].islower() and not self.lexicon.lookup((nxt.text,))

    def _refs(
        self, folded: str, tokens: list[Token], words: list[str], masked: set[int],
    ) -> tuple[list[int], set[int], list[int]]:
        """Positions pointed at, in the order said; tokens used; bare "2 or 5" numbers."""
        found: list[tuple[int, int]] = []   # (token index, position)
        used: set[int] = set()
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if i in masked or i in used:
                continue
            w = words[i]
            prev = words[i - 1] if i > 0 else ""
            nxt = words[i + 1] if i + 1 < n else ""
            number = nxt[:-2] if nxt.endswith("'s") else nxt
            if w == "#" and number.isdecimal() and i + 1 not in masked:
                found.append((i, int(number)))
                used.update((i, i + 1))
            elif w in ("number", "no", "nr", "option", "item") and nxt.isdecimal() and len(nxt) <= 2 and (
                w != "no" or folded[tok.end:tok.end + 1] == "."
            ):
                found.append((i, int(nxt)))
                used.update((i, i + 1))
            elif re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", w):
                if prev in _POSSESSIVES or nxt in _NON_PRODUCT_NOUNS:
                    continue
                found.append((i, int(re.match(r"\d+", w).group())))
                used.add(i)
            elif w in phrases.ORDINAL_WORDS:
                position = phrases.ORDINAL_WORDS[w]
                count = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3}.get(nxt)
                if count and position in (1, -1):
                    span = range(1, count + 1) if position == 1 else range(-count, 0)
                    found.extend((i, p) for p in span)
                    used.update((i, i + 1))
                    continue
                if nxt in _NON_PRODUCT_NOUNS or (w == "second" and nxt in ("", "hand")):
                    continue
                strong_next = nxt in ("one", "ones", "pair", "item", "option", "piece", "product") or nxt in self._category_words
                weak_prev = prev in ("the", "that", "this", "and", "or", "vs", "versus", "with", "to", "&", "#", "than")
                if strong_next or (weak_prev and (nxt in _PRODUCT_NOUNS or nxt == "")) or (prev == "" and nxt in _PRODUCT_NOUNS):
                    found.append((i, position))
                    used.add(i)
        for m in re.finditer(r"第\s*([一二两三四五六七八九十\d]+)\s*(?=[件个款条套双张种位]|$|[和跟与,，?？。的])", folded):
            value = m.group(1)
            position = int(value) if value.isdecimal() else _cn_small(value)
            if position:
                idx = _token_at(tokens, m.start())
                found.append((idx, position))
                used.update(_tokens_in(tokens, m.start(), m.end()))
        for m in re.finditer(r"最后\s*(?:一)?\s*(?:件|个|款|条|套|双|张)|最后那(?:件|个|款|条)", folded):
            found.append((_token_at(tokens, m.start()), -1))
            used.update(_tokens_in(tokens, m.start(), m.end()))
        for m in re.finditer(r"倒数第\s*([一二两三四五\d])", folded):
            value = m.group(1)
            found.append((_token_at(tokens, m.start()), -(int(value) if value.isdecimal() else _cn_small(value))))
            used.update(_tokens_in(tokens, m.start(), m.end()))
        for m in re.finditer(r"前\s*([两二三四])\s*(?:件|个|款|条|套)", folded):
            count = _cn_small(m.group(1))
            found.extend((_token_at(tokens, m.start()), p) for p in range(1, count + 1))
            used.update(_tokens_in(tokens, m.start(), m.end()))
        bare: list[int] = [
            int(w) for i, w in enumerate(words)
            if w.isdecimal() and len(w) <= 2 and 0 < int(w) <= 20 and i not in masked and i not in used
            and not (i + 1 < n and words[i + 1] in ("%", "$", "cm", "kg", "in", "inch", "inches", "x", "pcs", "of"))
        ][:1]
        for m in re.finditer(r"(?<![\d.$#])\b(\d{1,2})\s*(?:or|and|vs\.?|versus|&|,|和|还是|跟)\s*(\d{1,2})\b(?!\s*(?:[%$]|cm|kg|dollars|bucks|块|元))", folded):
            a, b = int(m.group(1)), int(m.group(2))
            if 0 < a <= 20 and 0 < b <= 20:
                bare = [a, b]
        found.sort()
        positions: list[int] = []
        for _, p in found:
            if p != 0 and p not in positions:
                positions.append(p)
        return positions, used, bare

    # -- deciding --------------------------------------------------------------------

    def _decide(self, p: "_Parse", ctx: Context, image: str | None) -> Understanding:
        text = p.corrected
        notes: list[str] = []
        values, exclude = self._slot_values(p)
        remove = self._dropped_values(p, values)
        for slot in remove:
            values.pop(slot, None)
        sizes = self._sizes(p)
        clear: set[str] = set()
        for pattern, slots in CLEAR_PATTERNS:
            if pattern.search(text):
                clear.update(slots)
        for slot in list(clear):
            if slot in values or (slot in ("min_price", "max_price") and (p.min_price or p.max_price)):
                clear.discard(slot)
        price_move = None
        if p.max_price is None and CHEAPER.search(text):
            price_move = "lower"
        elif p.min_price is None and PRICIER.search(text):
            price_move = "higher"
        size_move = 1 if SIZE_UP.search(text) else -1 if SIZE_DOWN.search(text) else 0
        if sizes:
            values["size"] = (sizes[0],)
        additive = frozenset(s for s in values if s in LIST_SLOTS) if ADDITIVE.search(text) else frozenset()
        changes = SlotChanges(
            values=values, additive=additive, exclude=exclude, clear=frozenset(clear), remove=remove,
            min_price=p.min_price, max_price=p.max_price, price_move=price_move, size_move=size_move,
        )
        has_content = not changes.is_empty()
        refs = list(p.refs) or list(p.pointing.refs)
        pronoun = bool(_PRONOUN.search(text))
        item_size = sizes[0] if sizes else None
        item_color = values.get("color", (None,))[0]

        def result(intent: str, *, keep_changes: bool = False, use_refs: tuple[int, ...] = (),
                   confidence: float = 0.9, new_request: bool = False) -> Understanding:
            return Understanding(
                intent=intent, changes=changes if keep_changes else SlotChanges(), refs=use_refs,
                measurements=p.measurements, new_request=new_request, confidence=confidence,
                source="rules", notes=tuple(notes), item_size=item_size, item_color=item_color,
                stated=changes, pointed=tuple(refs), facts=asked_facts(text), ambiguous=p.pointing.ambiguous,
                unmatched=p.pointing.unmatched,
            )

        def product_refs() -> tuple[int, ...]:
            if refs:
                return tuple(refs)
            if len(p.bare_pairs) == 1:
                return tuple(p.bare_pairs)   # "ok 3 it is, add it"
            return (ctx.last_ref,) if ctx.last_ref is not None else ()

        if image and image != "garment":
            return result("upload_photo", use_refs=())
        if FORGET_PHOTO.search(text):
            return Understanding(intent="smalltalk", forget_photo=True, confidence=0.95, source="rules")
        reset = RESET_STRONG.search(text)
        if reset:
            rest = _tail_changes(self, p, reset.end())
            if rest:
                return Understanding(
                    intent="search", changes=rest, measurements=p.measurements, new_request=True,
                    confidence=0.8, source="rules", notes=("reset+search",),
                )
            return result("reset", confidence=0.95)
        if RESET_WEAK_ALONE.search(text):
            return result("reset", confidence=0.7)
        weak = RESET_WEAK.search(text)
        if weak and has_content:
            new_category = values.get("category", (None,))[0]
            if new_category and new_category != ctx.request.category:
                rest = _tail_changes(self, p, weak.end())
                if rest:
                    return Understanding(
                        intent="search", changes=rest, measurements=p.measurements, new_request=True,
                        confidence=0.7, source="rules", notes=("reset+search",),
                    )
        if image == "garment":
            return result("photo_search", keep_changes=True, confidence=0.6)
        if VIEW_CART.search(text) and not _NOT_VIEW.search(text):
            return result("view_cart", confidence=0.95)
        if ADD_STRONG.search(text):
            return result("add_to_cart", use_refs=product_refs(), confidence=0.95)
        if TRY_ON.search(text):
            return result("try_on", use_refs=product_refs(), confidence=0.9)
        if SIZE_HELP.search(text) and not (refs and not p.measurements.any() and not re.search(r"\b(?:me|i)\b|我", text)):
            return result("size_help", use_refs=tuple(refs), confidence=0.9)
        if p.measurements.any() and not refs and not values.keys() - {"size"} and p.max_price is None:
            return result("size_help", confidence=0.7)
        if len(refs) < 2 and len(p.bare_pairs) == 2 and (COMPARE_STRONG.search(text) or COMPARE_WEAK.search(text)):
            refs = list(p.bare_pairs)
        if COMPARE_STRONG.search(text) and (refs or ctx.shown_count):
            return result("compare", use_refs=tuple(refs), confidence=0.9)
        if len(refs) >= 2 and COMPARE_WEAK.search(text):
            return result("compare", use_refs=tuple(refs), confidence=0.85)
        if refs:
            if ADD_WEAK.search(text):
                return result("add_to_cart", use_refs=tuple(refs), confidence=0.85)
            if _is_bare_reference(p):
                follow = {"try_on": "try_on", "compare": "add_to_cart", "add_to_cart": "add_to_cart"}
                notes.append("elliptical")
                return result(follow.get(ctx.last_action or "", "details"), use_refs=tuple(refs), confidence=0.75)
            return result("details", use_refs=tuple(refs), confidence=0.85 if DETAILS.search(text) else 0.6)
        if ADD_WEAK.search(text) and (pronoun or not has_content) and ctx.shown_count + (ctx.last_ref is not None) > 0:
            return result("add_to_cart", use_refs=product_refs(), confidence=0.75)
        if MORE.search(text) and not has_content:
            return result("more", confidence=0.9)
        if has_content:
            intent = "refine" if ctx.has_request else "search"
            confident = 0.9 if self._explained(p) else 0.6
            return result(intent, keep_changes=True, confidence=confident)
        if ctx.shown_count and BOTH.search(text) and COMPARE_WEAK.search(text):
            return result("compare", confidence=0.7)   # "which of these two?": the policy picks the pair
        if pronoun and (ctx.last_ref is not None or ctx.shown_count) and _QUESTION.search(text) and DETAILS.search(text):
            # "does this come in other colours?": about a shown product; with none named yet, the policy asks which
            refs_said = (ctx.last_ref,) if ctx.last_ref is not None else ()
            return result("details", use_refs=refs_said, confidence=0.6)
        if SEARCH_CUE.search(text) and not SMALLTALK.fullmatch(text.strip(" !.?,")):
            if MORE.search(text) or (ctx.has_request and re.search(r"\b(?:else|other|different)\b", text)):
                return result("more", confidence=0.6)
            return result("refine" if ctx.has_request else "search", confidence=0.5)
        return result("smalltalk", confidence=0.8 if SMALLTALK.search(text) or not text.strip() else 0.4)

    def _explained(self, p: "_Parse") -> bool:
        """True when every content word was read by some rule (else the LLM may help)."""
        covered = set(p.masked)
        for m in p.mentions:
            covered.update(range(m.start, m.end))
        for i, w in enumerate(p.words):
            if i in covered or not p.tokens[i].is_word or len(w) < 4 or w in self._known_words:
                continue
            return False
        return True

    def _slot_values(self, p: "_Parse") -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        mentions = self._drop_owned(p)
        negated = self._negated(p, mentions)
        positive: dict[str, list[str]] = {}
        excluded: dict[str, list[str]] = {}
        categories = [m for m in mentions if m.slot == "category" and id(m) not in negated]
        keep_category = self._pick_category(categories)
        colors = [m for m in mentions if m.slot == "color" and id(m) not in negated]
        compound_tail = {id(b) for a, b in zip(colors, colors[1:]) if a.end == b.start}
        for m in mentions:
            if id(m) in negated:
                excluded.setdefault(m.slot, [])
                if m.value not in excluded[m.slot]:
                    excluded[m.slot].append(m.value)
                continue
            if m.slot == "category" and m is not keep_category:
                continue
            if id(m) in compound_tail:
                continue
            bucket = positive.setdefault(m.slot, [])
            if m.value not in bucket:
                bucket.append(m.value)
        for gender in self._relation_gender(p):
            positive.setdefault("gender", [gender])
        if "pattern" in positive and len(positive["pattern"]) > 1 and "graphic" in positive["pattern"]:
            if any(m.term in ("print", "printed", "prints") for m in mentions if m.slot == "pattern"):
                positive["pattern"].remove("graphic")
        for slot, vals in excluded.items():
            if slot in positive:
                positive[slot] = [v for v in positive[slot] if v not in vals]
                if not positive[slot]:
                    del positive[slot]
        values = {slot: tuple(v) if slot in LIST_SLOTS else (v[0],) for slot, v in positive.items() if v}
        return values, {slot: tuple(v) for slot, v in excluded.items()}

    def _dropped_values(self, p: "_Parse", values: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """"forget the slim fit", "drop the linen": take a value back without excluding it."""
        out: dict[str, list[str]] = {}
        for m in DROP_VALUE.finditer(p.corrected):
            start = _token_at(p.tokens, m.end())
            for mention in p.mentions:
                if start <= mention.start <= start + 1 and mention.slot in values and mention.value in values[mention.slot]:
                    out.setdefault(mention.slot, []).append(mention.value)
        return {slot: tuple(v) for slot, v in out.items()}

    def _pick_category(self, mentions: list[Mention]) -> Mention | None:
        if not mentions:
            return None
        strong = [m for m in mentions if m.term not in phrases.WEAK_CATEGORY_TERMS]
        pool = strong or mentions
        pool = [
            m for k, m in enumerate(pool)
            if not (m.term == "dress" and k + 1 < len(pool) and pool[k + 1].start == m.end)
        ] or pool
        first = pool[0]
        chain = first
        for m in pool[1:]:
            if m.start == chain.end:   # "jean jacket", "dress shirt": the head noun is last
                chain = m
        return chain

    def _drop_owned(self, p: "_Parse") -> list[Mention]:
        """Mentions describing what the shopper already has ("I have these grey trousers")."""
        words, n = p.words, len(p.words)
        owned: set[int] = set()
        for i in range(n):
            for cue in _OWN_CUES:
                if tuple(words[i:i + len(cue)]) != cue:
                    continue
                start = i + len(cue)
                end = start
                limit = start + (8 if p.tokens[i].is_word else 10)
                while end < min(n, limit) and not p.tokens[end].is_punct and words[end] not in _OWN_END:
                    if words[end] in ("no", "nothing", "没有", "没"):
                        break
                    end += 1
                cats = [m.end for m in p.mentions if m.slot == "category" and start <= m.start < end]
                cats += [k + 1 for k in range(start, end) if words[k] in phrases.OWNED_GARMENTS]
                if cats:
                    owned.update(range(start, max(cats)))
        for i in range(n - 1):
            if words[i] in ("my", "his", "her", "our") and i + 1 < n:
                cats = [m for m in p.mentions if m.slot == "category" and i < m.start <= i + 3]
                if cats and all(not p.tokens[j].is_punct for j in range(i, cats[0].end)):
                    owned.update(range(i, cats[0].end))
        return [m for m in p.mentions if m.start not in owned]

    def _negated(self, p: "_Parse", mentions: list[Mention]) -> set[int]:
        words, tokens, n = p.words, p.tokens, len(p.words)
        neg: set[int] = set()
        scopes: list[tuple[int, int, int]] = []   # (cue start, scope start, scope end)
        i = 0
        while i < n:
            if i in p.masked:
                i += 1
                continue
            cue = next((c for c in _NEG_CUES if tuple(words[i:i + len(c)]) == c), None)
            if cue is None or (cue == ("but",)) or (cue == ("除", "了") and _inclusive_besides(words, i + 2)):
                i += 1
                continue
            start = i + len(cue)
            end = start
            cjk = tokens[i].is_cjk
            limit = start + (10 if cjk else 6)
            while end < min(n, limit):
                tok = tokens[end]
                if tok.is_punct and tok.text not in ("、", "/", "&"):
                    break
                if (not cjk and words[end] in _SCOPE_END_WORDS) or (cjk and words[end] in _SCOPE_END_CJK):
                    break
                end += 1
            scopes.append((i, start, end))
            i = start
        for cue_at, start, end in scopes:
            for m in mentions:
                if start <= m.start < end:
                    if m.slot == "category" and self._lacks(p, cue_at):
                        continue
                    neg.add(id(m))
        for m in mentions:   # "polyester-free", "条纹的不要"
            after = words[m.end:m.end + 3]
            if after[:1] == ["free"] or "".join(after).startswith(("不要", "的不要", "不行", "的不行", "免了")):
                neg.add(id(m))
        # "any colour but black"
        for k in range(n - 2):
            if words[k] in ("any", "anything") and words[k + 1] != "but" and words[k + 2] in ("but", "except"):
                for m in mentions:
                    if k + 3 <= m.start < k + 8:
                        neg.add(id(m))
        return neg

    def _lacks(self, p: "_Parse", cue_at: int) -> bool:
        """"I have ... no shirts": a missing garment is the one wanted, not an exclusion."""
        for j in range(cue_at - 1, -1, -1):
            tok = p.tokens[j]
            if tok.text in (".", "!", "?", "。", "！", "？"):
                return False
            if p.words[j] in _LACK_VERBS:
                return True
        return False

    def _relation_gender(self, p: "_Parse") -> list[str]:
        out = []
        for m in re.finditer(r"\bfor (?:my |his |her |a |the |our )?([a-z]+)\b", p.corrected):
            gender = phrases.RELATION_GENDER.get(m.group(1))
            if gender and (m.group(1) not in ("her", "him") or m.group(0) in ("for her", "for him")):
                out.append(gender)
        # a gift: "get him a hoodie", "my wife's birthday is coming up" (not "my sister's birthday party")
        for m in re.finditer(r"\b(?:get|getting|buy|buying|gift|gifting|find|order|grab|pick|surprise)\s+(him|her)\b", p.corrected):
            out.append(phrases.RELATION_GENDER[m.group(1)])
        for m in re.finditer(r"\b(?:my|our)\s+([a-z]+)'s\s+(?:birthday|bday|anniversary|christmas|xmas|present|gift)\b(?!\s+party)", p.corrected):
            if m.group(1) in phrases.RELATION_GENDER:
                out.append(phrases.RELATION_GENDER[m.group(1)])
        for m in re.finditer(r"(?:给|帮|替|送)(?:我)?(?:的)?(男朋友|女朋友|老公|老婆|爸爸|妈妈|老爸|老妈|哥哥|弟弟|姐姐|妹妹|儿子|女儿|男友|女友|爸|妈)", p.folded):
            out.append(phrases.RELATION_GENDER[m.group(1)])
        return out

    def _sizes(self, p: "_Parse") -> list[str]:
        words, tokens, n = p.words, p.tokens, len(p.words)
        found: list[str] = []
        i = 0
        multi = {
            ("extra", "extra", "large"): "XXL", ("extra", "large"): "XL", ("extra", "small"): "XS",
            ("x", "large"): "XL", ("xx", "large"): "XXL", ("x", "small"): "XS", ("加", "加", "大"): "XXL",
            ("加", "大"): "XL", ("中", "号"): "M", ("大", "号"): "L", ("小", "号"): "S", ("特", "大"): "XXL",
            ("中", "码"): "M", ("均", "码"): None,
        }
        letters = {"xxs": "XS", "xs": "XS", "xl": "XL", "xxl": "XXL", "xxxl": "XXL", "2xl": "XXL",
                   "3xl": "XXL", "xsmall": "XS", "xlarge": "XL", "xxlarge": "XXL", "s": "S", "m": "M", "l": "L"}
        words_sz = {"small": "S", "medium": "M", "med": "M", "large": "L"}
        while i < n:
            if i in p.masked:
                i += 1
                continue
            hit = next(((k, v) for k, v in multi.items() if tuple(words[i:i + len(k)]) == k), None)
            if hit:
                if hit[1]:
                    found.append(hit[1])
                i += len(hit[0])
                continue
            w = words[i]
            prev = words[i - 1] if i > 0 else ""
            nxt = words[i + 1] if i + 1 < n else ""
            alone = (i == 0 or tokens[i - 1].is_punct or prev in ("and", "in", "size", "a", "an", "the", "'s", "men's", "women's", "要", "看")) and (
                i + 1 >= n or tokens[i + 1].is_punct or nxt in ("it", "then", "please", "pls", "is", "and", "size", "one", "码", "号", "的", "in") or tokens[i + 1].is_cjk
            )
            if w in letters and len(w) > 1:
                found.append(letters[w])
            elif w in ("s", "m", "l"):
                raw = tokens[i].raw
                acronym = nxt and len(tokens[i + 1].raw) == 1 and tokens[i + 1].raw.isupper()
                if nxt in ("码", "号") or prev in ("size", "sz") or raw.isupper() and not acronym or alone and prev in ("size", "in"):
                    found.append(letters[w])
                elif raw.isupper() is False and alone and (i == 0 or tokens[i - 1].is_punct) and (i + 1 >= n or tokens[i + 1].is_punct):
                    found.append(letters[w])
            elif w in words_sz:
                if prev in ("size", "in", "a", "an", "sz") and (i + 1 >= n or tokens[i + 1].is_punct or nxt in ("please", "pls", "size", "one", "is", "then", "and") or nxt in self._category_words) or prev == "size" or alone or nxt == "size":
                    found.append(words_sz[w])
            i += 1
        return [s for s in dict.fromkeys(found) if s in SIZES]


@dataclass
class _Parse:
    text: str
    folded: str
    corrected: str
    tokens: list[Token]
    words: list[str]
    masked: set[int]
    mentions: list[Mention]
    measurements: object
    min_price: float | None
    max_price: float | None
    refs: list[int]
    bare_pairs: list[int]
    pointing: Pointing = Pointing()


def _tail_changes(analyzer: Analyzer, p: _Parse, offset: int) -> SlotChanges | None:
    """The request words after "start over, ..." (a new search in the same breath)."""
    tail = p.text[offset:] if len(fold(p.text)) == len(p.folded) else ""
    if not tail.strip(" ,.!?;:-，。！？"):
        return None
    sub = analyzer._parse(tail)
    values, exclude = analyzer._slot_values(sub)
    sizes = analyzer._sizes(sub)
    if sizes:
        values["size"] = (sizes[0],)
    changes = SlotChanges(values=values, exclude=exclude, min_price=sub.min_price, max_price=sub.max_price)
    return None if changes.is_empty() else changes


def _inclusive_besides(words: list[str], start: int) -> bool:
    """"除了紫色，绿色也可以" adds (besides purple, green too); "除了紫色都行" excludes."""
    for word in words[start:]:
        if word in ("。", "！", "？", "!", "?", "."):
            return False
        if word in ("也", "还"):
            return True
    return False


def _is_bare_reference(p: _Parse) -> bool:
    """Only a pointer and filler words: "and #4?", "now the third one please", "ok #3 then"."""
    filler = {"and", "now", "the", "one", "please", "pls", "ok", "okay", "then", "what", "about", "how",
              "maybe", "so", "hmm", "oh", "ooh", "also", "too", "and", "let's", "lets", "do", "go", "yes",
              "yeah", "那", "就", "吧", "呢", "好", "的", "件", "个", "款", "那么", "那就", "要", "这"}
    for i, tok in enumerate(p.tokens):
        if i in p.masked or tok.is_punct:
            continue
        if p.words[i] not in filler:
            return False
    return True


def _rebuild(folded: str, tokens: list[Token], words: list[str]) -> str:
    if all(t.text == w for t, w in zip(tokens, words)):
        return folded
    out, pos = [], 0
    for tok, word in zip(tokens, words):
        out.append(folded[pos:tok.start])
        out.append(word)
        pos = tok.end
    out.append(folded[pos:])
    return "".join(out)


def _token_at(tokens: list[Token], char: int) -> int:
    for i, tok in enumerate(tokens):
        if tok.end > char:
            return i
    return len(tokens)


def _tokens_in(tokens: list[Token], start: int, end: int) -> set[int]:
    return {i for i, tok in enumerate(tokens) if start <= tok.start < end}


def _cn_small(text: str) -> int:
    return cn_number(text) or 0
