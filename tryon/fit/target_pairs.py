"""Garment points paired with where they go on the body, as the targets are chosen region by region."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from tryon.fit.sleeve_warp import ArmPath


class Targets(NamedTuple):
    """Garment points and where they go on the body, for the body's map; and the path down each arm
    of a sleeve warped as its own layer."""

    src: np.ndarray
    dst: np.ndarray
    arms: dict[str, ArmPath]


class Pairs:
    """Garment points and their body targets as they are chosen; a named point can be looked up."""

    def __init__(self, g: dict[str, np.ndarray]):
        self.g = g
        self.src: list[np.ndarray] = []
        self.dst: list[np.ndarray] = []
        self._named: dict[str, int] = {}

    def add(self, name: str, target: np.ndarray) -> None:
        self._named.setdefault(name, len(self.src))
        self.pin(self.g[name], target)

    def pin(self, garment_point: np.ndarray, target: np.ndarray) -> None:
        self.src.append(garment_point)
        self.dst.append(target)

    def has(self, name: str) -> bool:
        return name in self._named

    def source(self, name: str) -> np.ndarray:
        return self.src[self._named[name]]

    def target(self, name: str) -> np.ndarray:
        return self.dst[self._named[name]]

    def targets(self, arms: dict[str, ArmPath]) -> Targets:
        return Targets(np.array(self.src, float), np.array(self.dst, float), arms)
