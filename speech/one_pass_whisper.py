"""Whisper whose encoder runs once per clip, however many times the clip is read.

Hearing a clip asks the encoder (80% of the time on 2 cores) for its language and then for each decoding:
with the shop's hot words, again without them when that loops, in the other language when unsure.
faster-whisper encodes the same window afresh each time; here each window's encoding is kept while one clip
is heard, so a 5-second clip costs one encoder pass instead of two or more.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import numpy as np
from faster_whisper import WhisperModel


class OnePassWhisper(WhisperModel):
    """One recogniser's model (it hears one clip at a time under its lock). Encodings are kept only inside
    `one_clip`, and compared by value, so no clip is ever read against another's encoding."""

    _kept: dict[bytes, Any] | None = None

    @contextlib.contextmanager
    def one_clip(self) -> Iterator[None]:
        self._kept = {}
        try:
            yield
        finally:
            self._kept = None

    def encode(self, features: np.ndarray) -> Any:
        if self._kept is None:
            return super().encode(features)
        window = np.ascontiguousarray(features, dtype=np.float32).tobytes()
        if window not in self._kept:
            self._kept[window] = super().encode(features)
        return self._kept[window]

    def english_probability(self, speech: np.ndarray) -> float:
        """How likely the clip is English, read from the window every decoding of it will use: the decoder
        leaves out the features' last frame (`generate_segments` reads up to `shape[-1] - 1`), so this does
        too, and the encoding is shared."""
        features = self.feature_extractor(speech)[..., :-1]
        _, _, probabilities = self.detect_language(features=features)
        return dict(probabilities).get("en", 0.0)
