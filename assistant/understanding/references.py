"""Which shown products a turn points at by description or pronoun, and which words did the pointing.

A shopper points at what is on screen the way they would in a shop: "the black and white
one", "that coat", "the one with the hood", "the cheaper one", "it", "both", "the other
one". Positions ("the second") are read before, by `positions`. A description is a definite
phrase (the/that/this ... one, or ...的那件): its words are matched against each shown
product's own attributes and title words, never turned into search filters. A description
that fits no shown product, or several equally, is reported as such so the assistant asks
which one instead of acting on a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant.understanding.context import Context, ShownItem
from assistant.understanding.facts import asked_orders
from assistant.understanding.lexicon import Mention
from assistant.understanding.phrases import ORDINAL_WORDS
from catalog.vocabulary import CALLED_ALIKE, CATEGORY_GROUPS

DETERMINERS = frozenset({"the", "that", "this", "those", "these", "both"})
# Words that make a plural phrase a set of shown products ("the two black ones", "all the linen ones", "both
# black coats"), with how many it names (None: as many as fit). Without one, "the black shirts" asks for more.
SET_WORDS: dict[str, int | None] = {"both": 2, "two": 2, "three": 3, "four": 4, "all": None, "each": None}
# A plural phrase after these names shown products by itself ("those hoodies").
SET_DETERMINERS = frozenset({"these", "those", "both"})
CONJUNCTIONS = frozenset({"and", "or", "&"})
# Words before a plural phrase that pick one of it.
ONE_OF = frozenset({("one", "of"), ("another", "of"), ("either", "of")})
# Garments named in the plural for one piece ("the light blue ones" of jeans is one pair).
PAIR_GARMENTS = frozenset({"trousers", "jeans", "shorts"})
# What a phrase with its head left out may describe by ("the grey and black", not "the large").
ELLIPTIC_SLOTS = frozenset({"color", "material", "pattern"})
HEADS = frozenset({"one", "ones", "pair", "pairs", "item", "items", "option", "piece"})
PLURAL_HEADS = frozenset({"ones", "pairs", "items"})
# Words that end a noun phrase before its head: "the price for the one ..." describes nothing.
BREAKS = frozenset({"for", "of", "to", "at", "on", "in", "from", "by", "with", "is", "are", "was", "if", "than"})
# Words after "the one" that carry the description on ("the one with the hood").
TRAILERS = frozenset({"with", "in", "from", "by", "that", "which"})
ZH_DEMONSTRATIVES = frozenset({"那", "这"})
ZH_CLASSIFIERS = frozenset({"件", "条", "个", "款", "双", "套"})
# A count between a demonstrative and its classifier names a set: 这两件黑色的.
ZH_COUNTS: dict[str, int] = {"两": 2, "二": 2, "三": 3, "四": 4, "几": 0}
# Shop-floor words from people pointing at racks; on screen they carry no attribute.
PLACE_WORDS = frozenset({
    "left", "right", "wall", "rack", "racks", "shelf", "shelves", "table", "display", "top", "bottom", "back",
    "front", "floor", "hanging", "middle", "corner", "center", "centre", "there", "here", "over", "behind",
    "next", "near", "above", "below", "side", "first", "last", "second", "third", "row", "screen", "list",
    "tier", "rung", "cubby", "cubbies", "cubicle", "cubicles", "cabinet", "wardrobe", "mirror", "room",
})
# Garment words that are places too: "the top row", "top left", "on top", "the bottom two" point at a rack
PLACE_GARMENTS = frozenset({"top", "bottom"})
ON_PLACE = frozenset({"on", "at"})   # "on top", "at the top": where, not what
FILLER = frozenset({
    "a", "an", "and", "or", "of", "on", "at", "to", "is", "it", "its", "i", "you", "me", "my", "very", "really",
    "lovely", "nice", "pretty", "cute", "great", "good", "other", "same", "little", "big", "just", "like", "also",
    "one", "ones", "with", "in", "from", "by", "that", "which", "has", "have", "looks", "look", "more", "most",
    "less", "least", "than", "the", "this", "those", "these", "both", "all", "kind", "sort", "colour", "color",
    "de", "的",
})
# Chinese words that rank the candidates by price within a phrase ("便宜的那件"): the facts table's are phrases
ZH_RANK_WORDS: dict[str, tuple[str, str]] = {"便宜": ("price", "low"), "贵": ("price", "high")}
MAX_DESCRIPTION_WORDS = 5
MAX_TRAILER_WORDS = 4
MIN_PREFIX = 4


@dataclass(frozen=True)
class Description:
    """A definite phrase that points at a shown product, by token span."""

    start: int
    end: int
    pairs: frozenset[tuple[str, str]] = frozenset()   # lexicon hits inside it
    words: frozenset[str] = frozenset()               # other content words (title, brand, features)
    order: tuple[str, str] | None = None              # (fact, "low" | "high"): "the cheaper one", "the warmest one"
    many: bool = False                                # a set: "the two black ones", "all the linen ones"
    count: int | None = None                          # how many the set names, when said
    plural: bool = False                              # "the black shirts": every shown one it fits, or a request
    said: tuple[tuple[str, str], ...] = ()            # the lexicon hits in the order said
    headless: bool = False                            # looks alone: "the grey and black?"
    nth: int | None = None                            # "the second black one": its place among those it fits (-1: last)

    @property
    def is_bare(self) -> bool:
        """"that one", "this": nothing to match, a pronoun in effect."""
        return not (self.pairs or self.words or self.order)


@dataclass(frozen=True)
class Pointing:
    refs: tuple[int, ...] = ()
    ambiguous: tuple[int, ...] = ()    # several shown products fit the description equally
    unmatched: bool = False            # a description fit none of them
    many: bool = False                 # the words name a set of products ("both", "the two black ones")
    plural_refs: tuple[int, ...] = ()  # the shown products "the black shirts" fits, for an act about shown products
    descriptions: tuple[Description, ...] = field(default=(), repr=False)
    missed: frozenset[tuple[str, str]] = frozenset()   # the look of the description no shown product fits
    refs_at: tuple[tuple[int, int], ...] = ()   # (the token its description starts at, ref) for each ref described
    # the plural phrases `plural_refs` were found by: their looks pick the products, if the act is about them
    plural_descriptions: tuple[Description, ...] = field(default=(), repr=False)

    @property
    def needs_question(self) -> bool:
        return bool(self.ambiguous) or self.unmatched


def said_as_places(words: list[str]) -> set[int]:
    """The positions of garment words said as places (`PLACE_GARMENTS`): before a shop-floor word or a count ("the
    top row", "top left", "the top two"), or after "on"/"at" ("on top", "at the top"). Read as a garment, "the red
    sweater on the bottom row" asked what trousers go with it, and "the one on the top left" looked for tops."""
    def place(i: int) -> bool:
        after = words[i + 1] if i + 1 < len(words) else ""
        before = words[max(0, i - 2):i]
        on = bool(before) and (before[-1] in ON_PLACE or before[0] in ON_PLACE and before[-1] == "the")
        return on or after in PLACE_WORDS or after in SET_WORDS or after in ("one", "ones")
    return {i for i, w in enumerate(words) if w in PLACE_GARMENTS and place(i)}

def find_descriptions(words: list[str], mentions: list[Mention], category_words: frozenset[str]) -> list[Description]:
    """Definite pointing phrases in a tokenised message (English and Chinese)."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    found: list[Description] = []
    i, n = 0, len(words)
    while i < n:
        span = _english_span(words, i, category_words, by_token) or _chinese_span(words, i, by_token)
        if span is None:
            i += 1
            continue
        start, end = span
        found.append(_describe(words, start, end, by_token))
        i = end
    return found


def _plural(word: str, mention: Mention | None) -> bool:
    if word in PLURAL_HEADS:
        return True
    return mention is not None and word.endswith("s") and not mention.value.endswith("s")


def _set_words(words: list[str], start: int, end: int) -> tuple[bool, int | None]:
    """Whether a phrase (with the word before it: "all the ...", or before "of": "both of those jackets") names a
    set, and how many."""
    before = start - 2 if start >= 2 and words[start - 1] == "of" else start - 1
    said = [w for w in words[max(0, before):end] if w in SET_WORDS]
    return bool(said), next((SET_WORDS[w] for w in said if SET_WORDS[w]), None)


def _english_span(words: list[str], i: int, category_words: frozenset[str],
                  by_token: dict[int, Mention]) -> tuple[int, int] | None:
    """the/that/this ... one|<garment>; "the black shirts" (plural after "the", no set word) asks for more,
    points at none. "the black and the grey one" ends its first phrase at the conjunction (its head is the
    second's)."""
    if words[i] not in DETERMINERS:
        return None
    for j in range(i + 1, min(len(words), i + 2 + MAX_DESCRIPTION_WORDS)):
        word = words[j]
        if word in CONJUNCTIONS and j + 1 < len(words) and words[j + 1] in DETERMINERS \
                and any(k in by_token for k in range(i + 1, j)):
            return i, j
        if not (word.isalnum() or word == "&") or word in DETERMINERS or word in BREAKS:
            return (i, j) if _elliptic(words, i, j, by_token) else None
        if word in HEADS or word in category_words or (ranks_by(word) and j + 1 < len(words) and words[j + 1] in HEADS):
            end = j + 1
            if word in ("one", "ones") and end < len(words) and words[end] in TRAILERS:
                end = min(len(words), end + 1 + MAX_TRAILER_WORDS)
                # it ends at a conjunction joining no look to it ("in M and number 1"; "in black and white" goes on)
                end = next((k for k in range(j + 2, end) if not words[k].isalnum()
                            or (words[k] in CONJUNCTIONS and k + 1 not in by_token)), end)
                second = next((k for k in range(j + 2, end) if _headed(words, k, category_words)), None)
                if second is not None:   # "the grey one with the green one"
                    end = second
            return i, end
        if j not in by_token and word not in CONJUNCTIONS and _elliptic(words, i, j, by_token) and not any(
                w in HEADS or w in category_words for w in words[j:i + 2 + MAX_DESCRIPTION_WORDS]):
            return i, j   # "how the grey and black compare": looks alone, then the sentence goes on
    if words[i] in ("this", "that") and (i + 1 == len(words) or not words[i + 1].isalnum()):
        return i, i + 1
    end = min(len(words), i + 2 + MAX_DESCRIPTION_WORDS)
    return (i, end) if end == len(words) and _elliptic(words, i, end, by_token) else None


def _headed(words: list[str], k: int, category_words: frozenset[str]) -> bool:
    """Whether a pointing phrase of its own, with its head, starts at `k`: it ends the trailer before it."""
    return words[k] in DETERMINERS and any(
        w in HEADS or w in category_words for w in words[k + 1:k + 2 + MAX_DESCRIPTION_WORDS])


def _elliptic(words: list[str], start: int, end: int, by_token: dict[int, Mention]) -> bool:
    """"the grey and black?", "the light grey on the left": a definite phrase of looks alone, its head left out."""
    inner = range(start + 1, end)
    return words[start] == "the" and any(k in by_token for k in inner) and all(
        (k in by_token and by_token[k].slot in ELLIPTIC_SLOTS) or words[k] in CONJUNCTIONS for k in inner)


def _chinese_span(words: list[str], i: int, by_token: dict[int, Mention]) -> tuple[int, int] | None:
    """那件黑色的 / 黑色的那件 / 便宜的那件 / 这两件黑色的: the demonstrative (and a count) + classifier and its
    attribute words."""
    at = i + 1 if i + 1 < len(words) and words[i] in ZH_DEMONSTRATIVES and words[i + 1] in ZH_COUNTS else i
    if words[i] not in ZH_DEMONSTRATIVES or at + 1 >= len(words) or words[at + 1] not in ZH_CLASSIFIERS:
        return None
    start = i
    while start > 0 and (start - 1 in by_token or words[start - 1] in ("的",) or ranks_by(words[start - 1])):
        start -= 1
    end = at + 2
    while end < len(words) and (end in by_token or words[end] == "的"):
        end += 1
    return start, end


def _describe(words: list[str], start: int, end: int, by_token: dict[int, Mention]) -> Description:
    said = tuple(dict.fromkeys((m.slot, m.value) for k, m in sorted(by_token.items()) if start <= k < end))
    pairs = set(said)
    content = {
        w for k, w in enumerate(words[start:end], start)
        if k not in by_token and w.isalpha() and len(w) >= 3 and w not in FILLER and w not in PLACE_WORDS
        and not ranks_by(w) and w not in HEADS and w not in SET_WORDS
    }
    # the phrase's own words first: "the least expensive one" is the cheapest
    order = next(iter(asked_orders(" ".join(words[start:end]))), None) or next(
        filter(None, map(ranks_by, words[start:end])), None)
    many, count = _set_words(words, start, end)
    zh_count = next((ZH_COUNTS[w] for w in words[start:end] if w in ZH_COUNTS), None)
    # the head says one or many, not a trailer's noun ("the black one with the long sleeves" is one)
    head = next((k for k in range(start, end) if words[k] in HEADS), end - 1)
    plural_head = any(_plural(words[k], by_token.get(k)) for k in range(start, head + 1))
    many = many or zh_count is not None or (words[start] in SET_DETERMINERS and plural_head)
    plural = words[start] == "the" and plural_head and not many
    if tuple(words[max(0, start - 2):start]) in ONE_OF:   # "one of those violet tees" is one of them
        many = plural = False
    headless = all(slot in ELLIPTIC_SLOTS for slot, _ in said) and not HEADS & set(words[start:end])
    nth = next((ORDINAL_WORDS[w] for w in words[start:head] if w in ORDINAL_WORDS), None)
    return Description(start, end, frozenset(pairs), frozenset(content), order, many, count or zh_count or None, plural,
                       said, headless, nth)


@lru_cache(maxsize=4096)
def ranks_by(word: str) -> tuple[str, str] | None:
    """The (fact, "low" | "high") a word ranks the shown products by ("cheaper", "warmest", "便宜"), if it is one:
    the facts table's words (`facts.asked_orders`), read a word at a time (and asked of each word of a phrase
    several times while its span and description are read: the table's patterns run once a word)."""
    if word in ZH_RANK_WORDS:
        return ZH_RANK_WORDS[word]
    found = asked_orders(word) if word.isalpha() and word.isascii() else ()
    return found[0] if found else None


def _word_match(word: str, tags: frozenset[tuple[str, str]]) -> bool:
    for slot, value in tags:
        if slot != "word":
            continue
        if value == word or (min(len(value), len(word)) >= MIN_PREFIX and (value.startswith(word) or word.startswith(value))):
            return True
    return False


def _fits(description: Description, item: ShownItem, words: frozenset[str]) -> bool:
    return description.pairs <= item.tags and all(_word_match(w, item.tags) for w in words)


def _wholly(description: Description, item: ShownItem) -> bool:
    """Whether the described values are all the item has of their slots: "the black one" among a black
    top and a black-and-burgundy striped one means the black top."""
    slots = {slot for slot, _ in description.pairs}
    return bool(slots) and all(value_pair in description.pairs for value_pair in item.tags if value_pair[0] in slots)


def _fitting(description: Description, shown: tuple[ShownItem, ...], among: tuple[int, ...],
             known: frozenset[str]) -> list[ShownItem]:
    """The shown products the description fits: among the ones just named when it fits one of them, or, for a set
    ("both of those jackets"), when it fits every one of them and they are as many as it counts."""
    named = [item for item in shown if item.position in among and _fits(description, item, known)]
    if named and (not description.many or description.count == len(named) == len(among)):
        return named
    return [item for item in shown if _fits(description, item, known)]


def _as_shown(description: Description, shown: tuple[ShownItem, ...]) -> Description:
    """The description with its garment left out when none shown is of it and it covers all shown (a broad word for
    them, "the beige top", or one called alike, `covers`): "the green shirt" over a list of T-shirts is the shopper's
    word for a T-shirt, and was "none of the ones I showed". A jacket is no shirt."""
    named = [value for slot, value in description.pairs if slot == "category"]
    shown_as = shown_garments(shown)
    if len(named) != 1 or not shown_as or named[0] in shown_as or not covers(named[0], shown_as):
        return description
    return replace(description, pairs=frozenset(p for p in description.pairs if p[0] != "category"))


def shown_garments(shown) -> set[str]:
    """The categories of the shown products (`ShownItem`s or the state's `Shown`: each has its `tags`)."""
    return {value for item in shown for slot, value in item.tags if slot == "category"}


def covers(named: str, garments: set[str]) -> bool:
    """Whether a garment word is what a shopper calls every one of `garments`: a broad word for them ("top" for
    T-shirts), or one they call alike (`CALLED_ALIKE`: shirt and T-shirt, jacket and blazer; not skirt and jeans)."""
    if named in CATEGORY_GROUPS:
        return garments <= set(CATEGORY_GROUPS[named][0])
    return any(named in alike and garments <= alike for alike in CALLED_ALIKE)


def resolve(description: Description, shown: tuple[ShownItem, ...], among: tuple[int, ...] = ()) -> Pointing:
    """The shown product(s) a description fits: among the products just named (`among`, "the black
    one" after comparing two) when it fits one of them, else among the whole list. Words no shown
    product has are filler, unless nothing else describes (then it fits none: "the one with the
    hood" when none has one)."""
    known = frozenset(w for w in description.words if any(_word_match(w, item.tags) for item in shown))
    among = () if description.nth is not None else among   # a place is counted along the whole list
    if description.words and not known and not description.pairs and not description.order:
        return Pointing(unmatched=True, descriptions=(description,))
    fits = _fitting(description, shown, among, known)
    if not fits:
        loose = _as_shown(description, shown)
        fits = _fitting(loose, shown, among, known) if loose != description else []
        if not fits:
            return Pointing(unmatched=True, many=description.many, descriptions=(description,), missed=description.pairs)
        description = loose
    if description.order and len(fits) > 1:
        fact, end = description.order
        known = [(item, value) for item in fits if (value := item.standing(fact)) is not None]
        if known:
            pick = (min if end == "low" else max)(value for _, value in known)
            fits = [item for item, value in known if value == pick]
    if description.nth is not None and len(fits) >= abs(description.nth) and not description.many:
        ordered = sorted(fits, key=lambda item: item.position)   # "the first black one" of two black ones listed
        fits = [ordered[description.nth - 1 if description.nth > 0 else description.nth]]
    # "the black one" among three all-black tops and three with black in a print asks among the three alone
    whole = [item for item in fits if _wholly(description, item)]
    if len(fits) > 1 and whole:
        fits = whole
    if len(fits) == 1:
        return Pointing(refs=(fits[0].position,), many=description.many, descriptions=(description,))
    positions = tuple(item.position for item in fits)
    if description.many and description.count in (None, len(fits)):   # "the two black ones": each of them
        return Pointing(refs=positions, many=True, descriptions=(description,))
    return Pointing(ambiguous=positions, many=description.many, descriptions=(description,))


def resolve_all(descriptions: list[Description], shown: tuple[ShownItem, ...], among: tuple[int, ...] = ()) -> Pointing:
    """Every described product in the order said, with what is unclear of the rest: which the first description
    fitting several may mean, and whether one fits none. Each is read, so "the skirt and the black one" after tops
    to go with a skirt is the skirt (none listed) and a question which black top, not the skirt alone. "The black
    shirts" (`Description.plural`) points only for an act about shown products (`point`): here it is left to be a
    request."""
    descriptions = [d for d in descriptions if not d.plural]
    refs: list[int] = []
    refs_at: list[tuple[int, int]] = []
    unclear: list[Pointing] = []
    for description in descriptions:
        if description.is_bare:
            continue
        pointing = resolve(description, shown, among)
        if pointing.unmatched and (each := _each_look(description)):   # "the grey and black": two of them
            pointing = resolve_all(each, shown, among)
        unclear += [pointing] if pointing.needs_question else []
        refs.extend(r for r in pointing.refs if r not in refs)
        refs_at.extend((description.start, r) for r in pointing.refs)
    if not unclear:
        return Pointing(refs=tuple(refs), many=len(refs) > 1, descriptions=tuple(descriptions), refs_at=tuple(refs_at))
    ambiguous = next((p for p in unclear if p.ambiguous), Pointing())
    unmatched = next((p for p in unclear if p.unmatched), Pointing())
    return Pointing(refs=tuple(refs), ambiguous=ambiguous.ambiguous, unmatched=unmatched.unmatched,
                    many=ambiguous.many or bool(refs), descriptions=tuple(descriptions), missed=unmatched.missed,
                    refs_at=tuple(refs_at))


def _each_look(description: Description) -> list[Description]:
    """A phrase of two looks joined, no head ("how the grey and black compare"), as one phrase per look
    when no product has both; empty for any other phrase ("the red and white sweater" is one sweater)."""
    slots = [slot for slot, _ in description.pairs]
    joined = next((slot for slot in slots if slots.count(slot) >= 2), None)
    if joined is None or not description.headless or description.words or description.plural:
        return []
    rest = tuple(p for p in description.said if p[0] != joined)
    return [replace(description, pairs=frozenset(rest + (p,)), said=rest + (p,))
            for p in description.said if p[0] == joined]


def _every_fit(description: Description, shown: tuple[ShownItem, ...]) -> tuple[int, ...]:
    """Every shown product a set description fits (none when it fits none)."""
    pointing = resolve(description, shown)
    return pointing.refs or pointing.ambiguous


PLURAL_PRONOUNS = frozenset({"both", "them", "they", "their", "these", "those", "两件", "都"})
# Words that take in every product shown when they refer back ("add them all", "都加上", "each of them").
EVERY_WORDS = frozenset({"all", "each", "every", "全", "全部", "所有"})
# A count said with a plural pronoun ("these three", "those two", "这两件").
COUNTED = {**{w: n for w, n in SET_WORDS.items() if n}, "两": 2, "三": 3}


def pronoun_refs(words: list[str], last_ref: int | None, last_refs: tuple[int, ...], shown_count: int) -> tuple[int, ...]:
    """"the other one", "both"/"them", "these three", "all of them": the positions the last product turn named,
    or the whole list when the words take in all of it or its length is the count said."""
    every = tuple(range(1, shown_count + 1))
    pair = last_refs if len(last_refs) >= 2 else every if shown_count == 2 else ()
    if "other" in words:
        return tuple(r for r in pair if r != last_ref)[:1]
    if not PLURAL_PRONOUNS & set(words):
        return ()
    if EVERY_WORDS & set(words):
        return every
    count = next((COUNTED[w] for w in words if w in COUNTED), None)
    if count is None:
        return pair
    if len(last_refs) == count:
        return last_refs
    return every if shown_count == count else ()


def point(words: list[str], mentions: list[Mention], position_tokens: frozenset[int], category_words: frozenset[str],
          ctx: Context, verbs: frozenset[int] = frozenset()) -> Pointing:
    """Stage 2b: the shown products the words describe ("the black one") or refer back to ("both",
    "the other one"); a pronoun is looked at only when nothing is described or positioned. A phrase
    ending on a verb (`verbs`: "which of these suits me") describes nothing."""
    if not ctx.shown_tags:
        return Pointing()
    described = [d for d in find_descriptions(words, mentions, category_words)
                 if not any(k in position_tokens for k in range(d.start, d.end)) and d.end - 1 not in verbs]
    if ctx.request.category in PAIR_GARMENTS:   # "the blue ones" of jeans is one pair, as "the blue one" is
        described = [replace(d, plural=False) for d in described]
    plurals = tuple(d for d in described if d.plural and not d.is_bare)
    plural = tuple(dict.fromkeys(r for d in plurals for r in _every_fit(replace(d, many=True), ctx.shown_items())))
    pointing = resolve_all(described, ctx.shown_items(), ctx.last_refs) if described else Pointing()
    # "how do the red and brown ones compare?" where none shown is either: their look, none shown has
    looks = frozenset(p for d in plurals for p in d.pairs)
    pointing = replace(pointing, plural_refs=plural, plural_descriptions=plurals if plural else (),
                       missed=pointing.missed or (frozenset() if plural else looks))
    if pointing.refs or pointing.needs_question or position_tokens:
        return pointing
    refs = pronoun_refs(words, ctx.last_ref, ctx.last_refs, ctx.shown_count)
    counted = not (COUNTED.keys() | EVERY_WORDS).isdisjoint(words)   # "both", "all of them": a set; "these" may be one
    # a set said that points at none yet ("both of those" of six) is still a set: which ones is asked
    return replace(pointing, refs=refs, many=counted and len(refs) != 1)
