"""A real product shot with a real portrait printed on its chest: the astronaut's head and shoulders (public
domain), as a band tee or a portrait print carries one. Shared by the engine's and the chat's tests of a printed
face taken for a person."""

from __future__ import annotations

import cv2
import numpy as np
from skimage import data

PRINT_WIDTH = 0.4   # share of the shot's width the portrait covers
PRINT_TOP = 0.3     # share of the shot's height its top sits at


def printed_portrait(shot: np.ndarray) -> np.ndarray:
    head = data.astronaut()[20:260, 120:330]
    height, width = shot.shape[:2]
    across = int(width * PRINT_WIDTH)
    head = cv2.resize(head, (across, int(head.shape[0] * across / head.shape[1])), interpolation=cv2.INTER_AREA)
    top, left = int(height * PRINT_TOP), (width - across) // 2
    printed = shot.copy()
    printed[top:top + head.shape[0], left:left + across] = head
    return printed
