"""How the photo actions run: reading an upload, keeping a selfie, try-on, forgetting, photo search.

An upload is read and looked at once, before the turn is understood: a photo with a person
is a selfie for try-on, unless its words ask for products ("find me this jacket"): then what
that person wears is searched by; one without a person is a garment to search by (`photo_search`).
The session's photo lives in the manager (never in the state, which holds only a key).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np

from assistant import acting
from assistant.acting import PAGE_SIZE, garment_photo, products_at, search_filters, show
from assistant.act_table import ACTS
from assistant.replies import Outcome
from assistant.state import DialogueState, price_above, price_below
from assistant.tryon_port import PhotoCheck, check_photo, face_in_photo, printed_face, read_upload, worn_garment
from assistant.tryon_port import render as render_tryon
from assistant.tryon_port import render_outfit
from catalog.photos.query import GarmentPhoto
from catalog.search import Filters
from common.garment_kinds import GARMENT_TYPES, put_on_order, worn_together
from common.images import ImageRejected

NO_PERSON = "no_person"
# The white gap between renders shown side by side, as a share of their height.
GAP_RATIO = 0.02
# a face with a garment's silhouette going on this many face heights straight above it is printed on the garment
# (portraits printed on real tees: 1.4 to 2.0); a wearer's head tops their silhouette (hair: at most 0.85 on the dev
# photos)
PRINTED_ABOVE = 1.2
# refused for what the photo of a person is (black and white), found whole and facing the camera:
# a selfie, even if its outline also reads as a garment
PERSON_FOUND = frozenset({"monochrome_photo"})


@dataclass(frozen=True)
class PhotoRead:
    """An upload as read: pixels and what the try-on engine saw, or why it could not be read."""

    picture: np.ndarray | None = None
    check: PhotoCheck | None = None
    error: str | None = None
    code: str | None = None
    garment: GarmentPhoto | None = None   # the catalog's reading, when the engine found no usable person

    def kind(self, waiting_tryon: bool = False) -> str:
        """"garment" for a readable photo with no person in it, or with no usable person but a
        garment the catalog can read (a print with a face on it is not a selfie); a photo sent for
        a try-on that was asked for is a selfie, whatever is in it."""
        if waiting_tryon or self.check is None or not self.check.error or self.check.code in PERSON_FOUND:
            return "selfie"
        no_person = self.check.code == NO_PERSON
        return "garment" if no_person or (self.garment is not None and self.garment.usable) else "selfie"


def read_photo(m: Any, image: Any) -> PhotoRead:
    try:
        picture = read_upload(image, m.assistant.upload_limits)
    except ImageRejected as rejected:
        return PhotoRead(error=rejected.message, code=rejected.code)
    engine = m.assistant.tryon
    check = check_photo(engine, picture) if engine is not None else None
    face = face_in_photo(check) if check is not None and not check.error else None
    if face is not None and m.catalog is not None and m.catalog.silhouette_above(picture, face) >= PRINTED_ABOVE:
        check = printed_face()
    garment = m.catalog.describe_photo(picture) if check is not None and check.error and m.catalog is not None else None
    return PhotoRead(picture, check, garment=garment)


def upload(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    state, read = t.state, t.image
    if read is None or read.picture is None:
        return state, Outcome(photo="unreadable", photo_error=read.error if read else None, photo_code=read.code if read else None)
    check = read.check
    if check is not None and check.error:
        return state, Outcome(photo="rejected", photo_error=check.error)
    state = _keep(m, state, read)
    products = m.catalog.products if m.catalog is not None else {}
    # words sent with it that name what to wear ("try the first one on me") choose that, not what the try-on waited for
    named = t.understanding is not None and t.understanding.then is not None and bool(t.understanding.pointed)
    waiting = () if named else tuple(products[pid] for pid in state.pending_tryon if pid in products)
    # a new photo starts a new outfit: what was worn on the last one is no longer being built on
    state = replace(state, pending_tryon=(), tried=tuple(p.id for p in waiting))
    if m.assistant.tryon is None:
        tried = Outcome(products=waiting, tryon="unavailable") if waiting else Outcome()
        return state, replace(tried, photo="kept_no_tryon")
    if not waiting:
        return state, Outcome(photo="kept", coverage=check.coverage if check else None,
                              tops_problem=check.tops_problem if check else None)
    return state, replace(_wear(m, state, waiting, t.understanding), photo="kept")


def try_on(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    pieces = _to_wear(m, t)
    if not pieces:
        return t.state, Outcome()
    state = replace(t.state, tried=tuple(p.id for p in pieces))
    return state, _wear(m, state, pieces, t.understanding)


def ask_photo(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """A try-on asked for before any photo: what it would wear (an outfit whole) waits for the photo."""
    pieces = _to_wear(m, t)
    return replace(t.state, pending_tryon=tuple(p.id for p in pieces)), Outcome(products=pieces)


def _to_wear(m: Any, t: Any) -> tuple[Any, ...]:
    """What a try-on the turn asks for wears: the outfit the products named make (`worn_with`), else those products."""
    products = products_at(m, t.state, t.action.refs, t.action.within)
    return worn_with(m, t.state, products, t.understanding.layered_on) or products


def _wear(m: Any, state: DialogueState, pieces: tuple[Any, ...], u) -> Outcome:
    """The pieces tried on: one outfit in one render, one product alone, or several of a layer ("try both on me" of
    two tops) each alone, side by side in the order named."""
    if worn_together([p.category for p in pieces]):
        return _render_outfit(m, state, pieces, u)
    if len(pieces) == 1:
        return _render(m, state, pieces[0], u)
    renders = tuple(_render(m, state, product, u) for product in pieces)
    done = [r.tryon_image for r in renders if r.tryon_image is not None]
    return Outcome(products=pieces, renders=renders, coverage=renders[0].coverage,
                   tryon="done" if done else renders[0].tryon, tryon_image=side_by_side(done) if done else None)


def worn_with(m: Any, state: DialogueState, products: tuple[Any, ...], over: bool = False) -> tuple[Any, ...]:
    """The pieces one try-on wears together, named top down, or () for each product alone: the products named
    when they make one outfit ("try this outfit on me", a top and trousers); one product named while an outfit
    is being built (the last try-on wore several, or the list on screen goes with the piece tried, or the words ask
    for it over that piece: `over`), with the pieces tried of the other layers ("now with the second skirt" keeps
    the top) and the one the list goes with ("try the grey one on me over the blouse")."""
    pieces = products
    if len(products) == 1:
        with_base = state.shown_for is not None and (over or state.shown_for in state.tried)
        base = (state.shown_for,) if with_base else ()
        kept = tuple(m.catalog.products[pid] for pid in dict.fromkeys(state.tried + base) if pid in m.catalog.products)
        if not (len(kept) > 1 or with_base):
            return ()
        new = products[0]
        pieces = tuple(p for p in kept if p.id != new.id and worn_together([p.category, new.category])) + (new,)
    if not worn_together([p.category for p in pieces]):
        return ()
    return tuple(pieces[i] for i in reversed(put_on_order([p.category for p in pieces])))


def side_by_side(images: list[np.ndarray]) -> np.ndarray:
    """Renders in a row, each scaled to the tallest one's height, a white gap between them."""
    height = max(image.shape[0] for image in images)
    scaled = [cv2.resize(image, (round(image.shape[1] * height / image.shape[0]), height), interpolation=cv2.INTER_AREA)
              if image.shape[0] != height else image for image in images]
    gap = np.full((height, max(4, round(height * GAP_RATIO)), 3), 255, dtype=np.uint8)
    row = [part for image in scaled for part in (image, gap)][:-1]
    return np.concatenate(row, axis=1)


def _render(m: Any, state: DialogueState, product, u) -> Outcome:
    engine = m.assistant.tryon
    photo = m.photo_entry(state.photo)
    if engine is None or photo is None:
        return Outcome(products=(product,), tryon="unavailable")
    picture, check = photo
    coverage = check.coverage if check else None
    garment = garment_photo(m.catalog, product, u, state)
    if garment is None:
        return Outcome(products=(product,), tryon="failed", tryon_error="this product has no photo to try on.")
    result = render_tryon(engine, picture, check.analysis if check else None, garment, product.category)
    if result.image is None:
        return Outcome(products=(product,), tryon="failed", tryon_error=result.error, coverage=coverage)
    return Outcome(products=(product,), tryon="done", coverage=coverage, tryon_image=result.image,
                   tryon_hem=result.hem, tryon_sleeves=result.sleeves, tryon_shown_over=result.shown_over)


def _render_outfit(m: Any, state: DialogueState, pieces: tuple[Any, ...], u) -> Outcome:
    """The pieces in one render, each piece's own result said apart (a piece without a photo, or one the
    shopper's photo cannot wear, is left out alone)."""
    engine = m.assistant.tryon
    photo = m.photo_entry(state.photo)
    if engine is None or photo is None:
        return Outcome(products=pieces, tryon="unavailable")
    picture, check = photo
    garments = {p.id: garment_photo(m.catalog, p, u, state) for p in pieces}
    drawn = [p for p in pieces if garments[p.id] is not None]
    result = render_outfit(engine, picture, check.analysis if check else None,
                           [(garments[p.id], p.category) for p in drawn])
    said = dict(zip((p.id for p in drawn), result.pieces))
    each = tuple(_piece_outcome(p, said.get(p.id)) for p in pieces)
    return Outcome(products=pieces, tryon="done" if result.image is not None else "failed", tryon_pieces=each,
                   tryon_image=result.image, coverage=check.coverage if check else None)


def _piece_outcome(product, result) -> Outcome:
    if result is None:
        return Outcome(products=(product,), tryon="failed", tryon_error="this product has no photo to try on.")
    if result.error is not None:
        return Outcome(products=(product,), tryon="failed", tryon_error=result.error)
    return Outcome(products=(product,), tryon="done", tryon_hem=result.hem, tryon_sleeves=result.sleeves,
                   tryon_shown_over=result.shown_over)


def forget_photo(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    had = m.photo is not None
    m.drop_photo()
    return replace(t.state, photo=None), Outcome(photo="forgotten" if had else "none")


def photo_status(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """"Where's my photo?": whether one is kept, and what it shows."""
    entry = m.photo_entry(t.state.photo)
    if entry is None:
        return t.state, Outcome(photo="none")
    check = entry[1]
    return t.state, Outcome(photo="kept", coverage=check.coverage if check else None)


def photo_search(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """A photo of a garment as a query: what it shows, then the catalog's nearest products,
    under the constraints the shopper typed with it ("like this but in blue")."""
    read = t.image
    if read is None and m.garment_seen is None:   # "like this" after the photo was lost (another replica)
        return acting.search(m, t)
    if read is not None and read.picture is None:   # nothing was searched by: the request stays as it was
        return replace(m.state, lang=t.state.lang), Outcome(photo="unreadable", photo_error=read.error,
                                                            photo_code=read.code)
    if m.catalog is None:
        return t.state, Outcome()
    state, kept = _kept_to_try(m, t.state, read)
    seen = m.garment_seen if read is None else _garment_in(m, read, state)
    if not seen.usable:
        return state, Outcome(seen=seen, photo=kept)
    # one kind for both: the photo's, else the one the words name ("find me this jacket"); a kind the words name is
    # the one asked for, else the photo's is
    asked = state.request.category
    seen = replace(seen, category=seen.category or asked)
    state = replace(state, request=replace(state.request, category=asked or seen.category))
    m.garment_seen = seen
    filters = search_filters(state)
    move = t.understanding.changes.price_move if t.understanding is not None else None
    if move is not None and read is not None:   # typed with the photo; later, cheaper than the list shown
        filters = _priced_against_photo(m, seen, state, filters, move)
    page = state.page + 1 if ACTS[t.action.kind].next_page else 0
    result = m.catalog.search_by_photo(seen, filters, k=PAGE_SIZE, offset=page * PAGE_SIZE)
    products = tuple(hit.product for hit in result.hits)
    return show(state, products, page, from_photo=True), Outcome(products=products, seen=seen, relaxed=result.relaxed,
                                                                   photo="earlier" if read is None else kept)


def _kept_to_try(m: Any, state: DialogueState, read: PhotoRead | None) -> tuple[DialogueState, str | None]:
    """A photo of someone searched by ("do you have this in blue?"), while no photo is kept, is kept to try on as
    well, and said so: "put the second one on me" asked for the photo just sent. One kept before stays (the
    shopper's own; this one may show someone else)."""
    if read is None or state.photo is not None or read.check is None or read.check.error:
        return state, None
    return _keep(m, state, read), "kept"


def _keep(m: Any, state: DialogueState, read: PhotoRead) -> DialogueState:
    key = uuid.uuid4().hex
    m.keep_photo(key, read.picture, read.check)   # one photo per session: the newest replaces the last
    return state.with_photo(key)


def more(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """The next page of the list on screen: by the garment photo it answers (more like the photo, not more of the
    words said with it), else by the request."""
    return photo_search(m, t) if t.state.shown_from_photo else acting.search(m, t)


def _garment_in(m: Any, read: PhotoRead, state: DialogueState) -> GarmentPhoto:
    """The garment a photo shows: for a photo of someone, what they wear on the part the words name
    (a top when they name none), cut out of the photo first."""
    if read.garment is not None:
        return read.garment
    analysis = read.check.analysis if read.check is not None else None
    if analysis is None:
        return m.catalog.describe_photo(read.picture)
    part = GARMENT_TYPES.get(state.request.category or "", "upper")
    worn = worn_garment(m.assistant.tryon, analysis, part)
    return m.catalog.describe_photo(worn, worn=True) if worn is not None else GarmentPhoto(problem="not_worn")


def _priced_against_photo(m: Any, seen: GarmentPhoto, state: DialogueState, filters: Filters, move: str) -> Filters:
    """"Like this but cheaper": cheaper than the closest match to the photo, the shopper's stated
    budget still holding (not cheaper than whatever was shown before the photo)."""
    request = state.request
    stated = replace(filters, max_price=request.max_price, min_price=request.min_price)
    closest = m.catalog.search_by_photo(seen, stated, k=1).hits
    price = closest[0].product.price if closest else None
    if price is None:
        return stated
    if move == "lower":
        cap = price_below(price)
        return replace(stated, max_price=cap if request.max_price is None else min(cap, request.max_price))
    floor = price_above(price)
    return replace(stated, min_price=floor if request.min_price is None else max(floor, request.min_price))
