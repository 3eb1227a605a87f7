"""The grounded rule layer: intent, slot changes, references and measurements from one message.

Every value comes from a lexicon hit on the shopper's own words, so nothing is invented.
Context decides what a hit means: inside a negation scope it is an exclusion ("nothing
slim-fit", "不要 polyester"), inside an idiom it is nothing ("Black Friday", "feeling
blue"), inside a description of what the shopper already owns it is nothing ("I have these
grey trousers"), and in a question about a shown product it does not change the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from catalog.vocabulary import LIST_SLOTS, SIZES

from assistant.slots import SearchRequest
from assistant.understanding import phrases
from assistant.understanding.lexicon import Lexicon, Mention, Token, fold, term_tokens, tokenize
from assistant.understanding.model import SlotChanges, Understanding
from assistant.understanding.cues import (
    NEG_CUES, OWN_CUES, ADDITIVE, ADD_STRONG, ADD_WEAK, BOTH, CHEAPER, CLEAR_PATTERNS, COMPARE_STRONG, COMPARE_WEAK, DETAILS, DROP_VALUE, FORGET_PHOTO, LACK_VERBS, MORE, NON_PRODUCT_NOUNS, NOT_VIEW, OWN_END, POSSESSIVES, PRICIER, PRODUCT_NOUNS, PRONOUN, QUESTION, RESET_STRONG, RESET_WEAK, RESET_WEAK_ALONE, SCOPE_END_CJK, SCOPE_END_WORDS, SEARCH_CUE, SIZE_DOWN, SIZE_HELP, SIZE_UP, SMALLTALK, TRY_ON, VIEW_CART,
)
from assistant.understanding.facts import asked_facts
from assistant.understanding.quantities import cn_number, find_measurements, find_prices
from assistant.understanding.references import Pointing, ShownItem, find_descriptions, pronoun_refs, resolve_all


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
        pointing = resolve_all(found, ctx.shown_items(), ctx.last_refs) if found else Pointing()
        if pointing.refs or pointing.needs_question or ref_tokens:
            return pointing
        return replace(pointing, refs=pronoun_refs(words, ctx.last_ref, ctx.last_refs, ctx.shown_count))

    def _idioms(self, tokens: list[Token], words: list[str]) -> set[int]:
        hidden: set[int] = set()
        for phrase in self._false_friends:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) == phrase:
                    hidden.update(range(i, i + n))
        return hidden

    def _proper_noun(self, mention: Mention, tokens: list[Token]) -> bool:
        """A name, not an attribute: "Green Day", "Pink Floyd", a brand like "Coats & More" — a
        capitalised one-word term joined (directly or by "&") to a capitalised word that is no term."""
        if mention.end - mention.start != 1 or mention.start == 0 and mention.slot != "color":
            return False
        raw = tokens[mention.start].raw
        if not (raw[:1].isupper() and raw[1:].islower()) or mention.end >= len(tokens):
            return False
        after = mention.end + (1 if tokens[mention.end].text == "&" else 0)
        if after >= len(tokens):
            return False
        nxt = tokens[after]
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
                if prev in POSSESSIVES or nxt in NON_PRODUCT_NOUNS:
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
                if nxt in NON_PRODUCT_NOUNS or (w == "second" and nxt in ("", "hand")):
                    continue
                strong_next = nxt in ("one", "ones", "pair", "item", "option", "piece", "product") or nxt in self._category_words
                weak_prev = prev in ("the", "that", "this", "and", "or", "vs", "versus", "with", "to", "&", "#", "than")
                if strong_next or (weak_prev and (nxt in PRODUCT_NOUNS or nxt == "")) or (prev == "" and nxt in PRODUCT_NOUNS):
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
        pronoun = bool(PRONOUN.search(text))
        item_size = sizes[0] if sizes else None
        item_color = values.get("color", (None,))[0]

        def result(intent: str, *, keep_changes: bool = False, use_refs: tuple[int, ...] = (),
                   confidence: float = 0.9, new_request: bool = False) -> Understanding:
            return Understanding(
                intent=intent, changes=changes if keep_changes else SlotChanges(), refs=use_refs,
                measurements=p.measurements, new_request=new_request, confidence=confidence,
                source="rules", notes=tuple(notes), item_size=item_size, item_color=item_color,
                stated=changes, pointed=tuple(refs), pronoun=pronoun, facts=asked_facts(text),
                ambiguous=p.pointing.ambiguous,
                unmatched=p.pointing.unmatched,
            )

        def product_refs() -> tuple[int, ...]:
            if refs:
                return tuple(refs)
            if p.pointing.needs_question:
                return ()   # described, but fitting none or several shown: asked which, never the last one
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
                    intent="search", changes=rest, stated=rest, measurements=p.measurements, new_request=True,
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
                        intent="search", changes=rest, stated=rest, measurements=p.measurements, new_request=True,
                        confidence=0.7, source="rules", notes=("reset+search",),
                    )
        if image == "garment":
            return result("photo_search", keep_changes=True, confidence=0.6)
        if VIEW_CART.search(text) and not NOT_VIEW.search(text):
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
            asked = values.get("category", (None,))[0]
            other_garment = asked is not None and ctx.request.category not in (None, asked)
            intent = "refine" if ctx.has_request and not other_garment else "search"
            confident = 0.9 if self._explained(p) else 0.6
            return result(intent, keep_changes=True, confidence=confident)
        if ctx.shown_count and BOTH.search(text) and COMPARE_WEAK.search(text):
            return result("compare", confidence=0.7)   # "which of these two?": the policy picks the pair
        if pronoun and (ctx.last_ref is not None or ctx.shown_count) and QUESTION.search(text) and DETAILS.search(text):
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
            for cue in OWN_CUES:
                if tuple(words[i:i + len(cue)]) != cue:
                    continue
                start = i + len(cue)
                end = start
                limit = start + (8 if p.tokens[i].is_word else 10)
                while end < min(n, limit) and not p.tokens[end].is_punct and words[end] not in OWN_END:
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
            cue = next((c for c in NEG_CUES if tuple(words[i:i + len(c)]) == c), None)
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
                if (not cjk and words[end] in SCOPE_END_WORDS) or (cjk and words[end] in SCOPE_END_CJK):
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
            if p.words[j] in LACK_VERBS:
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
