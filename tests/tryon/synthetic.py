"""A drawn full-body mannequin with known landmarks, for exercising full/lower-body geometry.

No full-length photo ships with the repo and mediapipe does not reliably read drawings, so
tests and the benchmark use this figure with a hand-built `PersonAnalysis` to check that
trousers, skirts, shorts, dresses and jumpsuits land on hips, knees and ankles. It verifies
the geometry and compositing code, not the pose model.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.person import PersonAnalysis, content_key

SKIN = (224, 180, 150)
TOP = (150, 150, 150)
LEGS = (70, 80, 120)
BACKDROP = (214, 218, 222)


def mannequin(height: int = 900, width: int = 520) -> tuple[np.ndarray, PersonAnalysis]:
    s = height / 900.0
    P = lambda x, y: (int(round(x * s + (width - 520 * s) / 2)), int(round(y * s)))  # noqa: E731
    img = np.zeros((height, width, 3), np.uint8)
    img[:] = BACKDROP
    mask = np.zeros((height, width), np.uint8)
    lm = np.zeros((33, 3), np.float32)
    pts = {0: (260, 105), 11: (340, 205), 12: (180, 205), 13: (365, 340), 14: (155, 340), 15: (372, 465),
           16: (148, 465), 23: (305, 470), 24: (215, 470), 25: (300, 660), 26: (220, 660), 27: (296, 850),
           28: (224, 850)}
    for i, (x, y) in pts.items():
        lm[i] = (*P(x, y), 1.0)
    for i in range(1, 11):  # face points near the nose
        lm[i] = (*P(260 + (i % 3 - 1) * 15, 95 + (i // 4) * 10), 1.0)

    def draw(layer_colour, fn):
        fn(img, layer_colour)
        fn(mask, 1)

    draw(LEGS, lambda im, c: [cv2.line(im, P(*a), P(*b), c, int(62 * s)) for a, b in
                             (((215, 470), (220, 660)), ((220, 660), (224, 850)),
                              ((305, 470), (300, 660)), ((300, 660), (296, 850)))])
    draw(LEGS, lambda im, c: cv2.fillPoly(im, [np.array([P(178, 420), P(342, 420), P(340, 520), P(180, 520)])], c))
    draw(TOP, lambda im, c: cv2.fillPoly(im, [np.array([P(175, 200), P(345, 200), P(335, 440), P(185, 440)])], c))
    draw(TOP, lambda im, c: [cv2.line(im, P(*a), P(*b), c, int(40 * s)) for a, b in
                            (((180, 205), (155, 340)), ((340, 205), (365, 340)))])
    draw(SKIN, lambda im, c: [cv2.line(im, P(*a), P(*b), c, int(32 * s)) for a, b in
                             (((155, 340), (148, 465)), ((365, 340), (372, 465)))])
    draw(SKIN, lambda im, c: cv2.rectangle(im, P(240, 130), P(280, 205), c, -1))
    draw(SKIN, lambda im, c: cv2.ellipse(im, P(260, 100), (int(42 * s), int(55 * s)), 0, 0, 360, c, -1))
    draw((80, 60, 40), lambda im, c: cv2.ellipse(im, P(260, 75), (int(44 * s), int(32 * s)), 0, 180, 360, c, -1))
    x0, y0 = P(222, 55)
    x1, y1 = P(298, 160)
    analysis = PersonAnalysis(coverage="full", key=content_key(img), image=img.copy(), input_shape=(height, width),
                              scale=1.0, landmarks=lm, mask=mask.astype(np.float32), face_box=(x0, y0, x1, y1))
    return img, analysis
