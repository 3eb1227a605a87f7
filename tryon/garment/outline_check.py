"""Is a cut-out shaped like a garment at all? Shops mislabel photos: a suitcase listed as a T-shirt
separates from its white sweep as well as a shirt does, and drawn onto a shopper it is nonsense.

A garment shot for a shop is laid out (flat, on a hanger or a ghost mannequin) facing the camera,
so its outline is close to its own mirror image; and it has shoulders, armholes, a neck, a waist
or legs, so it is neither a plain disc nor a plain block. Each limit sits past every real product
shot of the dev set (`../shared/tryon_dev`, tune half), so a real garment is not refused for it:

| measure | real garment shots (53) | limit |
|---|---|---|
| mirror IoU about the centre column | 0.85 and up | below 0.80: lopsided (a shoe, an animal, a scene) |
| IoU with its fitted ellipse | 0.89 and below | 0.93 and up: round (a plate, a clock, a disc) |
| IoU with its least rectangle, tops and dresses | 0.90 and below | 0.94 and up: a block (a box, a case) |

Bottoms are not held to the block limit: a straight skirt or shorts laid flat is nearly a rectangle
(0.95 on the dev set).
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_MIRROR = 0.80
MAX_ROUND = 0.93
MAX_BLOCK = 0.94
BLOCK_KINDS = frozenset({"upper", "full"})

NOUNS = {"upper": "top", "full": "dress", "lower": "garment"}
WHY = {
    "lopsided": "what it shows is not laid out like a garment facing the camera",
    "round": "what it shows is round, not shaped like a garment",
    "block": "what it shows is a plain block, not shaped like a garment",
}


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum()) / max(1.0, float((a | b).sum()))


def _mirror_iou(mask: np.ndarray) -> float:
    """IoU of the silhouette with itself flipped about its own centre column."""
    centre = float(np.nonzero(mask)[1].mean())
    flip = np.float32([[-1, 0, 2 * centre], [0, 1, 0]])
    flipped = cv2.warpAffine(mask.astype(np.uint8), flip, mask.shape[::-1], flags=cv2.INTER_NEAREST) > 0
    return _iou(mask, flipped)


def _fitted_ious(mask: np.ndarray) -> tuple[float, float]:
    """IoU of the silhouette with the ellipse fitted to its outline and with its least-area rectangle."""
    contours, _ = cv2.findContours(mask.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    outline = max(contours, key=cv2.contourArea)
    if len(outline) < 5:
        return 0.0, 0.0
    ellipse = np.zeros(mask.shape, np.uint8)
    cv2.ellipse(ellipse, cv2.fitEllipse(outline), 1, -1)
    box = np.zeros(mask.shape, np.uint8)
    cv2.fillPoly(box, [np.intp(cv2.boxPoints(cv2.minAreaRect(outline)))], 1)
    return _iou(mask, ellipse > 0), _iou(mask, box > 0)


def shape_problem(mask: np.ndarray, kind: str) -> str | None:
    """Why this silhouette is not a garment's ("lopsided", "round", "block"; see the module's table), or None."""
    if not mask.any():
        return None
    if _mirror_iou(mask) < MIN_MIRROR:
        return "lopsided"
    round_iou, block_iou = _fitted_ious(mask)
    if round_iou >= MAX_ROUND:
        return "round"
    if kind in BLOCK_KINDS and block_iou >= MAX_BLOCK:
        return "block"
    return None


def not_garment_message(problem: str, kind: str) -> str:
    """The refusal in words about the product, not about the shopper's photo."""
    return f"This product's photo doesn't show the {NOUNS[kind]} itself ({WHY[problem]}), so I can't show it on you."
