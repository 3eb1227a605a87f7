"""The assistant's words about photos: uploads, try-on renders, garment photo searches, sizes."""

from __future__ import annotations

from dataclasses import replace

from assistant.describe import describe_request, one_garment, product_line
from assistant.phrasebook import UPLOAD_PROBLEMS_ZH, Lang, join, say, value_name
from assistant.replies import Outcome, Wording, no_product, result_list
from catalog.photos.query import GarmentPhoto


def _tryon(outcome: Outcome, lang: Lang) -> str:
    if outcome.tryon_pieces:   # an outfit in one render
        return _outfit(outcome, lang)
    if outcome.renders:   # several products, each rendered on its own, left to right
        return " ".join([say("tryon_each", lang)] + [_tryon(render, lang) for render in outcome.renders])
    title = outcome.products[0].title
    if outcome.tryon == "done":
        return " ".join(filter(None, (say("tryon_done", lang, title=title), _where_it_ends(outcome, lang),
                                      _shown_over(outcome, lang))))
    if outcome.tryon == "failed":
        return say("tryon_failed", lang, title=title, reason=outcome.tryon_error or "")
    if outcome.tryon == "photo_gone":
        return say("tryon_photo_gone", lang, title=title)
    return say("tryon_unavailable", lang, title=title)


def _outfit(outcome: Outcome, lang: Lang) -> str:
    """The outfit's pieces drawn, where each ends on the shopper, then each piece left out and why."""
    drawn = [piece for piece in outcome.tryon_pieces if piece.tryon == "done"]
    titles = join([piece.products[0].title for piece in drawn], lang, "and")
    lines = [say("tryon_outfit_done", lang, pieces=titles)] if drawn else []
    lines += [_where_it_ends(piece, lang, kind=value_name("category", piece.products[0].category, lang))
              for piece in drawn]
    lines += [say("tryon_failed", lang, title=piece.products[0].title, reason=piece.tryon_error or "")
              for piece in outcome.tryon_pieces if piece.tryon != "done"]
    over = tuple(dict.fromkeys(c for piece in drawn for c in piece.tryon_shown_over))
    lines.append(_shown_over(replace(outcome, tryon_shown_over=over), lang))
    return " ".join(filter(None, lines))


def _where_it_ends(outcome: Outcome, lang: Lang, kind: str | None = None) -> str:
    """What the render measured of the fit on the shopper: where the hem and the sleeves end (of the piece
    of this `kind`, in an outfit)."""
    hem = say(f"hem_{outcome.tryon_hem}", lang) if outcome.tryon_hem else None
    sleeves = say(f"sleeves_{outcome.tryon_sleeves}", lang) if outcome.tryon_sleeves else None
    phrase = "tryon_ends" if kind is None else "tryon_piece_ends"
    if hem and sleeves:
        return say(f"{phrase}_both", lang, hem=hem, sleeves=sleeves, kind=kind)
    if hem:
        return say(f"{phrase}_hem", lang, hem=hem, kind=kind)
    return say(f"{phrase}_sleeves", lang, sleeves=sleeves, kind=kind) if sleeves else ""


def _shown_over(outcome: Outcome, lang: Lang) -> str:
    """The one sentence saying the render is drawn over the shopper's own long sleeves or trousers."""
    if not outcome.tryon_shown_over:
        return ""
    clothes = join([say(f"over_{c}", lang) for c in outcome.tryon_shown_over], lang, "and")
    return say("tryon_shown_over", lang, clothes=clothes)


def tryon(w: Wording) -> str:
    return _tryon(w.outcome, w.lang) if w.products else no_product(w)


def ask_photo(w: Wording) -> str:
    if not w.products:
        return no_product(w)
    coverage = "full" if any(p.garment_type in ("lower", "full") for p in w.products) else "upper"
    titles = join([p.title for p in w.products], w.lang, "and")
    ask = say("ask_photo", w.lang, title=titles, coverage=say(f"coverage_{coverage}", w.lang))
    return f"{say('photo_not_kept', w.lang)} {ask}" if w.state.photo_not_kept else ask


def photo(w: Wording) -> str:
    outcome, lang = w.outcome, w.lang
    if outcome.photo == "unreadable":
        if lang == "zh" and outcome.photo_code in UPLOAD_PROBLEMS_ZH:
            return UPLOAD_PROBLEMS_ZH[outcome.photo_code]
        return outcome.photo_error if lang == "en" and outcome.photo_error else say("photo_unreadable", lang)
    if outcome.photo == "rejected":
        return say("photo_rejected", lang, reason=outcome.photo_error or "")
    if outcome.photo == "kept_no_tryon" and not outcome.tryon:
        return say("photo_kept_no_tryon", lang)
    head = say("photo_thanks", lang)
    if outcome.tryon:   # a try-on was waiting for this photo
        return f"{head} {_tryon(outcome, lang)}"
    if outcome.tops_problem and outcome.coverage in ("upper", "full"):   # said now, not after the first try-on
        return " ".join((head, say(f"photo_{outcome.coverage}_no_tops", lang, reason=outcome.tops_problem)))
    return " ".join(x for x in (head, _coverage(outcome, lang), say("photo_pick", lang)) if x)


# Why a garment photo could not be searched by -> the question it raises.
PHOTO_PROBLEMS = {
    "no_garment": "photo_not_garment", "several": "photo_several", "too_small": "photo_too_small",
    "blurred": "photo_blurred", "not_worn": "photo_not_worn",
}


def photo_status(w: Wording) -> str:
    outcome, lang = w.outcome, w.lang
    if outcome.photo != "kept":
        return " ".join((say("photo_none", lang), say("photo_attach", lang)))
    return " ".join(x for x in (say("photo_have", lang), _coverage(outcome, lang), say("photo_use", lang)) if x)


def _coverage(outcome: Outcome, lang: Lang) -> str:
    """What the kept photo lets the shopper try on ("It shows your upper body, so…"), if that is known."""
    return say(f"photo_{outcome.coverage}", lang) if outcome.coverage in ("upper", "full") else ""


def photo_search(w: Wording) -> str:
    """What the garment photo showed, then the nearest products (or the question it raises); a photo of someone
    kept to try on as well is said to be."""
    searched = _searched(w)
    after = {"kept": "photo_kept_to_try", "unreadable": "photo_search_waits"}.get(w.outcome.photo or "")
    return f"{searched}\n{say(after, w.lang)}" if after else searched


def _searched(w: Wording) -> str:
    outcome, lang = w.outcome, w.lang
    seen = outcome.seen
    if outcome.photo == "unreadable":
        return photo(w)
    if seen is None or not seen.usable:
        return say(PHOTO_PROBLEMS.get(seen.problem if seen is not None else "", "photo_not_garment"), lang)
    what = garment_seen(seen, lang)
    changed = w.state.request   # what the shopper asked beyond the kind the photo shows
    if changed.category == seen.category:
        changed = replace(changed, category=None)
    if outcome.photo != "earlier":
        lines = [say("photo_seen", lang, what=what)]
    elif changed.is_empty():   # "more", or "cheaper" alone, which moves only a ranking cap: nothing to name
        lines = [say("photo_again", lang, what=what)]
    else:
        lines = [say("photo_refined", lang, what=what, request=describe_request(changed, lang, w.currency))]
    if not outcome.products:
        lines.append(say("photo_no_match", lang))
        return "\n".join(lines)
    for position, product in enumerate(outcome.products, 1):
        lines.append(product_line(position, product, lang, w.state.request.color, w.state.request.size))
    lines.append(say("list_footer", lang))
    return "\n".join(lines)


def more(w: Wording) -> str:
    """A further page: more like the photo the list answers, else more of the request."""
    if w.outcome.seen is None:
        return result_list(w)
    return photo_search(w) if w.outcome.products else say("no_more", w.lang)


def garment_seen(seen: GarmentPhoto, lang: Lang) -> str:
    """What the photo showed, in words ("a red, white and navy striped t-shirt")."""
    colours = join([value_name("color", c, lang) for c in seen.colors], lang, "and")
    pattern = value_name("pattern", seen.pattern, lang) if seen.pattern and seen.pattern != "solid" else ""
    noun = value_name("category", seen.category, lang) if seen.category else say("photo_garment", lang)
    if lang == "zh":
        return f"{colours}的{pattern}{noun}" if colours else f"{pattern}{noun}"
    return one_garment(" ".join(x for x in (colours, pattern, noun) if x), seen.category, lang)


def forgot_photo(w: Wording) -> str:
    return say("photo_forgotten" if w.outcome.photo == "forgotten" else "photo_none", w.lang)


def size(w: Wording) -> str:
    outcome, lang = w.outcome, w.lang
    advice = outcome.size_advice
    product = outcome.products[0] if outcome.products else None
    what = product.title if product else (value_name("category", outcome.size_category, lang)
                                          if outcome.size_category else say("this_item", lang))
    if advice is None:
        return say("size_need_product", lang)
    if advice.missing == "chart":
        return say("size_no_chart", lang, title=what)
    if advice.missing == "height":
        return say("size_need_height", lang)
    if advice.size is None:
        return say("size_need_measurements", lang, what=what)
    reasons = []
    for match in advice.matches:
        key = "size_in_range" if match.inside else "size_near_range"
        reasons.append(say(key, lang, part=say(f"part_{match.part}", lang), value=f"{match.value:.0f}",
                           size=match.size, low=f"{match.low:.0f}", high=f"{match.high:.0f}"))
    reason_text = ("；" if lang == "zh" else "; ").join(reasons)
    if product is not None:
        text = say("size_pick_usual" if advice.usual else "size_pick", lang, title=product.title, size=advice.size,
                   reasons=reason_text)
    else:
        text = say("size_pick_typical", lang, category=what, size=advice.size, reasons=reason_text)
    if advice.weight_step:
        key = "size_up_weight" if advice.weight_step > 0 else "size_down_weight"
        text += say(key, lang, weight=f"{advice.weight_kg:.0f}")
    if product is not None and product.stock_known() and advice.size not in product.sizes_in_stock(()):
        text += say("size_stock_note", lang, size=advice.size)
    return text
