"""Generated demo product photos: deterministic, cleanly cut-out-able, true to colour and shape."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from skimage.color import rgb2lab

from catalog.demo.art import GarmentSpec, render_garment
from catalog.vocabulary import CATEGORIES, COLOR_RGB, GARMENT_TYPES, PATTERNS

SIZE = 384
SLEEVED = ("t-shirt", "shirt", "blouse", "polo", "sweater", "hoodie", "cardigan", "jacket", "coat", "blazer",
           "dress", "jumpsuit")


def render(category: str, color: str = "navy", size: int = SIZE, **kw) -> np.ndarray:
    return render_garment(GarmentSpec(category, color, **kw), size)


def background_colour(img: np.ndarray) -> np.ndarray:
    border = np.concatenate([img[0], img[-1], img[:, 0], img[:, -1]]).astype(np.float64)
    return np.median(border, axis=0)


def garment_mask(img: np.ndarray, threshold: float = 12) -> np.ndarray:
    """What a simple background model sees: far from the border colour, holes filled, largest blob."""
    diff = np.abs(img.astype(np.float64) - background_colour(img)).max(axis=2)
    fg = (diff > threshold).astype(np.uint8)
    reach = fg.copy()
    cv2.floodFill(reach, np.zeros((fg.shape[0] + 2, fg.shape[1] + 2), np.uint8), (0, 0), 2)
    filled = (reach != 2).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(filled, connectivity=8)
    if count < 2:
        return np.zeros(fg.shape, bool)
    return labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))


def runs(row: np.ndarray) -> int:
    """How many separate garment pieces a horizontal line crosses."""
    r = row.astype(np.int8)
    return int((np.diff(np.concatenate(([0], r, [0]))) == 1).sum())


def bbox(mask: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(mask)
    return ys.min(), ys.max() + 1, xs.min(), xs.max() + 1


def test_output_shape_and_dtype():
    for size in (128, SIZE, 768):
        img = render("t-shirt", size=size)
        assert img.shape == (size, size, 3)
        assert img.dtype == np.uint8


def test_deterministic_bytes():
    spec = GarmentSpec("dress", "teal", "floral", "short", "silk", "pink", seed=7)
    assert render_garment(spec, SIZE).tobytes() == render_garment(spec, SIZE).tobytes()


def test_seed_changes_floral_layout():
    a = render("shirt", pattern="floral", seed=1)
    b = render("shirt", pattern="floral", seed=2)
    assert np.abs(a.astype(int) - b.astype(int)).mean() > 1.0


def test_background_border_is_light_and_uniform():
    for category in ("t-shirt", "coat", "jeans", "shorts", "hoodie"):
        img = render(category, "black")
        border = np.concatenate([img[:4].reshape(-1, 3), img[-4:].reshape(-1, 3),
                                 img[:, :4].reshape(-1, 3), img[:, -4:].reshape(-1, 3)]).astype(int)
        assert border.min() >= 200, category
        assert (border.max(axis=0) - border.min(axis=0)).max() <= 12, category


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("color", ["white", "black", "beige", "red"])
def test_garment_separates_from_background(category: str, color: str):
    img = render(category, color)
    mask = garment_mask(img)
    share = mask.mean()
    assert 0.15 < share < 0.75, share
    y0, y1, x0, x1 = bbox(mask)
    assert 0.68 * SIZE <= y1 - y0 <= 0.86 * SIZE
    assert x1 - x0 <= 0.9 * SIZE
    assert abs((y0 + y1) / 2 - SIZE / 2) < 0.04 * SIZE
    assert abs((x0 + x1) / 2 - SIZE / 2) < 0.04 * SIZE
    # Nearly every garment pixel must already stand out before hole filling.
    diff = np.abs(img.astype(float) - background_colour(img)).max(axis=2)
    assert (diff[mask] > 12).mean() > 0.9


@pytest.mark.parametrize("color", ["white", "black", "navy", "beige", "red", "yellow", "grey", "olive"])
@pytest.mark.parametrize("category,material", [("t-shirt", "cotton"), ("sweater", "wool"), ("jeans", "denim"),
                                               ("dress", "silk"), ("jacket", "leather"), ("shirt", "linen")])
def test_solid_colour_fidelity(category: str, material: str, color: str):
    img = render(category, color, material=material)
    mask = cv2.erode(garment_mask(img).astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    mean_lab = rgb2lab(img[mask][None].astype(float) / 255)[0].mean(axis=0)
    ref = rgb2lab(np.array([[COLOR_RGB[color]]], float) / 255)[0, 0]
    assert np.linalg.norm(mean_lab - ref) < 10


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_and_sleeve_renders(category: str):
    for sleeve in (None, "short", "long", "sleeveless"):
        img = render(category, "green", size=256, sleeve=sleeve)
        assert garment_mask(img).mean() > 0.12


def middle_run(row: np.ndarray) -> int:
    """Width of the piece crossing the centre column (the body, not a sleeve)."""
    centre = len(row) // 2
    left = centre - int(np.argmin(row[centre::-1])) if not row[centre::-1].all() else 0
    right = centre + int(np.argmin(row[centre:])) if not row[centre:].all() else len(row)
    return right - left


@pytest.mark.parametrize("category", [c for c in SLEEVED if c not in ("dress", "jumpsuit")])
def test_sleeved_tops_are_wider_than_their_body(category: str):
    for sleeve, at in (("short", 0.85), ("long", 0.6)):
        mask = garment_mask(render(category, sleeve=sleeve))
        y0, y1, x0, x1 = bbox(mask)
        row = mask[int(y0 + at * (y1 - y0))]
        assert x1 - x0 > 1.2 * middle_run(row), (sleeve, x1 - x0, middle_run(row))
        if sleeve == "long":
            assert runs(row) == 3, "long sleeves hang beside the body"
    mask = garment_mask(render(category, sleeve="sleeveless"))
    y0, y1, x0, x1 = bbox(mask)
    assert runs(mask[int(y0 + 0.6 * (y1 - y0))]) == 1
    assert x1 - x0 < 1.15 * mask[int(y0 + 0.85 * (y1 - y0))].sum()


@pytest.mark.parametrize("category", ["trousers", "jeans", "shorts", "jumpsuit"])
def test_legged_garments_have_two_legs(category: str):
    mask = garment_mask(render(category))
    y0, y1, x0, x1 = bbox(mask)
    assert runs(mask[int(y0 + 0.95 * (y1 - y0))]) == 2
    assert runs(mask[int(y0 + 0.1 * (y1 - y0))]) == 1


@pytest.mark.parametrize("category", ["trousers", "jeans", "skirt", "shorts"])
def test_bottoms_are_upright(category: str):
    y0, y1, x0, x1 = bbox(garment_mask(render(category)))
    assert (y1 - y0) >= (0.95 if category in ("trousers", "jeans") else 0.75) * (x1 - x0)
    if category in ("trousers", "jeans"):
        assert (y1 - y0) > 1.5 * (x1 - x0)


@pytest.mark.parametrize("category", ["skirt", "dress"])
def test_skirts_flare(category: str):
    mask = garment_mask(render(category))
    y0, y1, _, _ = bbox(mask)
    top = mask[int(y0 + (0.05 if category == "skirt" else 0.42) * (y1 - y0))].sum()
    hem = mask[int(y0 + 0.95 * (y1 - y0))].sum()
    assert hem > 1.4 * top


@pytest.mark.parametrize("category", ["t-shirt", "sweater", "polo", "shirt", "hoodie", "blazer", "dress"])
def test_neckline_shows_garment_interior_not_background(category: str):
    img = render(category, "red")
    mask = garment_mask(img)
    centre = SIZE // 2
    top = int(np.argmax(mask[:, centre]))
    rows = slice(top + int(0.015 * SIZE), top + int(0.07 * SIZE))
    cols = slice(centre - int(0.03 * SIZE), centre + int(0.03 * SIZE))
    stands_out = np.abs(img.astype(float) - background_colour(img)).max(axis=2) > 12
    assert stands_out[rows, cols].all(), "the neck opening must not show the backdrop"
    brightness = cv2.blur(img.astype(np.float32), (5, 5)).sum(axis=2)
    body = img[mask].astype(float).sum(axis=1).mean()
    assert brightness[rows, cols].min() < 0.75 * body, "inside of the neck is darker than the front"


def test_patterns_differ_from_solid_and_stay_inside_the_garment():
    solid = render("shirt", "navy")
    inside = cv2.dilate(garment_mask(solid).astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)
    seen = [solid]
    for pattern in PATTERNS[1:]:
        img = render("shirt", "navy", pattern=pattern, accent="white")
        diff = np.abs(img.astype(int) - solid.astype(int)).max(axis=2)
        assert (diff[inside] > 20).mean() > 0.01, pattern
        assert diff[~inside].max() <= 2, f"{pattern} spills onto the background"
        assert all(np.abs(img.astype(int) - other.astype(int)).mean() > 1 for other in seen), pattern
        seen.append(img)


def test_accent_equal_to_colour_still_shows_the_print():
    img = render("t-shirt", "white", pattern="striped", accent="white")
    mask = cv2.erode(garment_mask(img).astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    assert img[mask].astype(float).std(axis=0).max() > 30


def test_every_type_is_drawable():
    assert set(GARMENT_TYPES) == set(CATEGORIES)


@pytest.mark.parametrize("field,value", [("category", "shoes"), ("color", "mustard"), ("pattern", "paisley"),
                                         ("sleeve", "cap"), ("material", "vinyl"), ("accent", "gold")])
def test_rejects_unknown_words(field: str, value: str):
    kw = {"category": "t-shirt", "color": "red", field: value}
    with pytest.raises(ValueError):
        render_garment(GarmentSpec(**kw), 128)


@pytest.mark.parametrize("pattern", ["striped", "checked", "polka-dot"])
@pytest.mark.parametrize("color, accent", [("beige", "green"), ("white", "navy"), ("red", "white")])
def test_a_printed_garment_reads_as_its_listed_colour(pattern, color, accent):
    """A "beige check" skirt was drawn half green (its check's accent squares and the squares where both sets cross),
    so the shopper saw a green skirt listed and described as beige: the ground colour covers more of the garment than
    its print does."""
    img = render("skirt", color, pattern=pattern, accent=accent)
    mask = cv2.erode(garment_mask(img).astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)
    lab = rgb2lab(img[mask][None].astype(np.float64) / 255.0)[0]
    ground, ink = (rgb2lab(np.float64([[COLOR_RGB[c]]]) / 255.0)[0, 0] for c in (color, accent))
    nearer_ground = np.linalg.norm(lab - ground, axis=1) < np.linalg.norm(lab - ink, axis=1)
    assert nearer_ground.mean() > 0.6, nearer_ground.mean()
