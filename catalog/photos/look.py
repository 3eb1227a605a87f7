"""How a garment looks to a network trained on real photos: an EfficientNet-Lite0 embedding.

The hand-made features (colour, layout, outline, texture) were fitted to the demo shop's
drawn photos and do not carry over to a shopper's phone photo or screenshot. ImageNet's
million real photos (jerseys, jeans, gowns, cardigans, suits among its classes) taught this
network what garments look like under any light and on any background; its pooled features
are the search's main signal.

Each photo is looked at twice, as the garment cut out on white and as the whole frame, and
the two embeddings are averaged: a cut-out drops a busy background but can lose a white
garment on a white sweep; the frame keeps it. On the real dev shots the average named the
kind better than either alone.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import threading
from collections.abc import Sequence

import cv2
import numpy as np

from catalog.photos.inference_net import for_inference
from catalog.photos.mask import GarmentMask
from common.packaged_models import image_model_file

LOOK_DIM = 1280              # EfficientNet-Lite0's pooled features
INPUT_SIDE = 224
PAD_VALUE = 255              # photos are squared on white, as product shots are
PIXEL_MEAN, PIXEL_SCALE = 127.0, 128.0   # the Lite models' own scaling (not ImageNet's mean and std)
BATCH = 16
BATCH_THREADS_FROM = 4       # fewer images run on one thread: a query must not stall on a busy core
GRABCUT_ROUNDS = 3


class LookModel:
    """Unit-length look vectors of square RGB inputs; loaded once, safe to share between sessions."""

    def __init__(self) -> None:
        import torch
        from efficientnet_lite_pytorch import EfficientNet

        with contextlib.redirect_stdout(io.StringIO()):   # the package announces the load on stdout
            self._net = EfficientNet.from_pretrained("efficientnet-lite0", weights_path=str(image_model_file())).eval()
        self._net = for_inference(self._net).to(memory_format=torch.channels_last)
        self._lock = threading.Lock()
        self.embed([np.full((INPUT_SIDE, INPUT_SIDE, 3), PAD_VALUE, np.uint8)])

    def embed(self, squares: Sequence[np.ndarray]) -> np.ndarray:
        import torch

        out = np.zeros((len(squares), LOOK_DIM), np.float32)
        with self._lock, torch.inference_mode():
            torch.set_num_threads(1 if len(squares) < BATCH_THREADS_FROM else os.cpu_count() or 1)
            for start in range(0, len(squares), BATCH):
                batch = np.stack(squares[start:start + BATCH]).astype(np.float32)
                pixels = torch.from_numpy((batch - PIXEL_MEAN) / PIXEL_SCALE).permute(0, 3, 1, 2)
                pixels = pixels.contiguous(memory_format=torch.channels_last)
                out[start:start + len(batch)] = self._net.extract_features(pixels).mean(dim=(2, 3)).numpy()
        return _unit_rows(out)


@functools.lru_cache(maxsize=1)
def default_look_model() -> LookModel:
    return LookModel()


def look_inputs(found: GarmentMask, garment: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The two squares a photo is looked at as: its garment (`cut_out`) on white, and its whole frame."""
    ys, xs = np.nonzero(garment)
    cut = np.full_like(found.rgb, PAD_VALUE)
    cut[garment] = found.rgb[garment]
    if ys.size:
        cut = cut[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    return _square(cut), _square(found.rgb)


def look_vectors(inputs: Sequence[tuple[np.ndarray, np.ndarray]], model: LookModel | None = None) -> np.ndarray:
    """One look vector per photo: the mean of its two views' embeddings, unit length."""
    if not inputs:
        return np.zeros((0, LOOK_DIM), np.float32)
    vectors = (model or default_look_model()).embed([square for pair in inputs for square in pair])
    return _unit_rows(vectors.reshape(len(inputs), 2, LOOK_DIM).sum(axis=1))


def cut_out(found: GarmentMask) -> np.ndarray:
    """The garment's pixels. On a textured surface the backdrop mask is refined by GrabCut:
    colour models of garment and backdrop learnt from the photo itself follow a garment's edge
    where a distance from the border's colours cannot. On a plain sweep the mask stands."""
    if found.plain_backdrop or not found.mask.any():
        return found.mask
    seeds = np.where(found.mask, cv2.GC_PR_FGD, cv2.GC_PR_BGD).astype(np.uint8)
    seeds[found.border & ~found.mask] = cv2.GC_BGD   # a garment cut off by the frame keeps its edge
    background, foreground = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(0)   # GrabCut seeds its colour models at random: the same photo must cut the same
    try:
        cv2.grabCut(np.ascontiguousarray(found.rgb[..., ::-1]), seeds, None, background, foreground,
                    GRABCUT_ROUNDS, cv2.GC_INIT_WITH_MASK)
    except cv2.error:
        return found.mask
    refined = (seeds == cv2.GC_FGD) | (seeds == cv2.GC_PR_FGD)
    return refined if refined.any() else found.mask


def _square(rgb: np.ndarray) -> np.ndarray:
    height, width = rgb.shape[:2]
    side = max(height, width)
    canvas = np.full((side, side, 3), PAD_VALUE, np.uint8)
    top, left = (side - height) // 2, (side - width) // 2
    canvas[top:top + height, left:left + width] = rgb
    return cv2.resize(canvas, (INPUT_SIDE, INPUT_SIDE), interpolation=cv2.INTER_AREA if side > INPUT_SIDE
                      else cv2.INTER_LINEAR)


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    return (vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)).astype(np.float32)
