"""Which lexicon hits are negated ("nothing slim", "不要 polyester") and which describe what the
shopper already owns ("I have these grey trousers"): both are no positive constraint."""

from __future__ import annotations

from assistant.understanding import phrases
from assistant.understanding.cues import LACK_VERBS, LESSENING, NEG_CUES, OWN_CUES, OWN_END, SCOPE_END_CJK, SCOPE_END_WORDS
from assistant.understanding.lexicon import Mention
from assistant.understanding.reading import Reading
from assistant.understanding.references import ranks_by

# How far a negation or an ownership phrase reaches, in tokens (a CJK token is one character).
NEG_REACH = 6
NEG_REACH_CJK = 10
OWN_REACH = 8
OWN_REACH_CJK = 10
# "any colour but black": the exception may sit this many tokens after "but".
EXCEPTION_REACH = 5
POSSESSIVE_REACH = 3
SCOPE_PUNCT_KEPT = frozenset({"、", "/", "&"})
SENTENCE_ENDS = frozenset({".", "!", "?", "。", "！", "？"})
NEGATING_TAILS = ("不要", "的不要", "不行", "的不行", "免了")


def owned(r: Reading, cues: tuple[tuple[str, ...], ...] = OWN_CUES) -> list[Mention]:
    """The hits that remain once those describing what the shopper has, or wears them with, are dropped; with
    `cues` `cues.HAVE_CUES`, once those of what they have alone are."""
    words, tokens, n = r.words, r.tokens.tokens, len(r.words)
    mine: set[int] = set()
    for i in range(n):
        for cue in cues:
            if tuple(words[i:i + len(cue)]) != cue:
                continue
            start = end = i + len(cue)
            limit = start + (OWN_REACH if tokens[i].is_word else OWN_REACH_CJK)
            while end < min(n, limit) and not tokens[end].is_punct and (words[end] not in OWN_END
                                                                         or _listed_on(r, end)):
                if words[end] in ("no", "nothing", "没有", "没"):
                    break
                end += 1
            cats = [m.end for m in r.mentions if m.slot == "category" and start <= m.start < end]
            cats += [k + 1 for k in range(start, end) if words[k] in phrases.OWNED_GARMENTS]
            if cats:
                mine.update(range(start, max(cats)))
    for i in range(n - 1):
        if words[i] in ("my", "his", "her", "our"):
            cats = [m for m in r.mentions if m.slot == "category" and i < m.start <= i + POSSESSIVE_REACH]
            if cats and all(not tokens[j].is_punct for j in range(i, cats[0].end)):
                mine.update(range(i, cats[0].end))
    return [m for m in r.mentions if m.start not in mine]


def negated(r: Reading, mentions: list[Mention]) -> set[int]:
    """ids of the mentions a negation covers."""
    words, tokens, n = r.words, r.tokens.tokens, len(r.words)
    neg: set[int] = set()
    scopes: list[tuple[int, int, int]] = []   # (cue start, scope start, scope end)
    i = 0
    while i < n:
        if i in r.masked:
            i += 1
            continue
        cue = next((c for c in NEG_CUES if tuple(words[i:i + len(c)]) == c), None)
        if cue is None and words[i] == "than" and "rather" in words[_sentence_start(r, i):i]:
            cue = ("than",)   # "I'd rather have a skirt than a dress": the dress is turned down
        if cue is None or cue == ("but",) or (cue == ("除", "了") and _inclusive_besides(words, i + 2)):
            i += 1
            continue
        start = end = i + len(cue)
        cjk = tokens[i].is_cjk
        limit = start + (NEG_REACH_CJK if cjk else NEG_REACH)
        while end < min(n, limit):
            tok = tokens[end]
            if tok.is_punct and tok.text not in SCOPE_PUNCT_KEPT:
                break
            if words[end] in (SCOPE_END_CJK if cjk else SCOPE_END_WORDS):
                break
            if ranks_by(words[end]):   # "not too expensive in blue" negates the price, never the blue
                break
            end += 1
        scopes.append((i, start, end))
        i = start
    for cue_at, start, end in scopes:
        for m in mentions:
            if start <= m.start < end and not (m.slot == "category" and words[cue_at] != "than" and _lacks(r, cue_at)):
                neg.add(id(m))
    for m in mentions:   # "polyester-free", "条纹的不要", "less formal"
        after = words[m.end:m.end + 3]
        if after[:1] == ("free",) or "".join(after).startswith(NEGATING_TAILS):
            neg.add(id(m))
        elif m.start > 0 and words[m.start - 1] in LESSENING:
            neg.add(id(m))
    for k in range(n - 2):   # "any colour but black"
        if words[k] in ("any", "anything") and words[k + 1] != "but" and words[k + 2] in ("but", "except"):
            for m in mentions:
                if k + 3 <= m.start < k + 3 + EXCEPTION_REACH:
                    neg.add(id(m))
    return neg


def _listed_on(r: Reading, at: int) -> bool:
    """Whether "and" at `at` goes on listing what the shopper has ("white sneakers and a grey cardigan"), not on to
    what they want ("jeans and I need a top"): a garment, its colour or an article comes next."""
    nxt = at + 1
    return r.words[at] == "and" and nxt < len(r.words) and (
        r.words[nxt] in ("a", "an", "some", "my") or any(m.start == nxt and m.slot in ("category", "color")
                                                         for m in r.mentions))


def _sentence_start(r: Reading, at: int) -> int:
    """Where the sentence holding token `at` begins."""
    return next((k + 1 for k in range(at - 1, -1, -1) if r.tokens.tokens[k].text in SENTENCE_ENDS), 0)


def _lacks(r: Reading, cue_at: int) -> bool:
    """"I have ... no shirts": a missing garment is the one wanted, not an exclusion."""
    return any(w in LACK_VERBS for w in r.words[_sentence_start(r, cue_at):cue_at])


def _inclusive_besides(words: tuple[str, ...], start: int) -> bool:
    """"除了紫色，绿色也可以" adds (besides purple, green too); "除了紫色都行" excludes."""
    for word in words[start:]:
        if word in ("。", "！", "？", "!", "?", "."):
            return False
        if word in ("也", "还"):
            return True
    return False
