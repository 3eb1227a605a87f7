"""Speech to text on the CPU, from Whisper weights that ship inside pip packages.

The shop speaks English and Chinese. Which one a clip is in is read by the multilingual model's
own language detector: English when it finds English likelier than all other languages together
(left free, it hears Mandarin as Thai or Vietnamese as often as Chinese, and the shop speaks no
other language), weighed by what the shopper wrote or said before in this session. English clips
are then transcribed by the English-only model, faster and more accurate on English than the
multilingual one; Chinese ones by the multilingual model, its traditional characters turned
simplified by OpenCC (a Chinese prompt would do it too, but the model repeats a prompt back as
the transcript of a short or unclear clip).
"""

from __future__ import annotations

import functools
import math
import threading
import time
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from common.packaged_models import whisper_en_dir, whisper_multilingual_dir
from speech.audio import Clip, SpeechError

Lang = Literal["en", "zh"]
BEAM_SIZE = 1    # greedy: on 2 cores a 5-second clip's beam of 5 costs ~2x for no gain on short commands
# a decoding that repeats itself (its text compresses this well) is decoded again, warmer; an unsure one is
# not (re-decoding every unsure clip would double the wait, and the words are shown for the shopper to see)
TEMPERATURES = (0.0, 0.2, 0.4)
LOOP_COMPRESSION = 2.4
# no speech carries more tokens than this per second (fast Mandarin: ~7 syllables/s, at most 2 tokens each);
# past it the model is looping, and a cap keeps a loop from costing seconds
MAX_TOKENS_PER_SECOND = 15
_NO_WORDS = ("I couldn't make out any words in that recording. Please try again somewhere quieter, a little "
             "closer to the microphone, or type your message.")


@dataclass(frozen=True)
class Transcript:
    text: str
    lang: Lang
    audio_s: float      # length of the clip heard
    elapsed_s: float    # time spent recognising it


class Recognizer:
    """Both models load on first use (or `warm_up`); one clip at a time, since each already uses every core."""

    def __init__(self, threads: int = 2):
        self.threads = threads
        self._models: dict[str, Any] = {}
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        with self._lock:
            self._model("en")
            self._model("multi")

    def close(self) -> None:
        """Free the models once the clip being heard is done, before the process ends (not in the
        interpreter's teardown, which runs beside whatever thread is still in native code)."""
        with self._lock:
            self._models.clear()

    def transcribe(self, clip: Clip, expected: Lang | None = None) -> Transcript:
        """The words said in the clip; SpeechError when no words could be made out.

        `expected` is the language the shopper has used so far in the session, if any.
        """
        started = time.perf_counter()
        speech = speech_only(clip.samples)
        if not speech.size:
            raise SpeechError(_NO_WORDS)
        with self._lock:
            lang = self._language(speech, expected)
            model = self._model("multi" if lang == "zh" else "en")
            segments, _ = model.transcribe(
                speech, language="zh" if lang == "zh" else None, beam_size=BEAM_SIZE, vad_filter=False,
                temperature=TEMPERATURES, compression_ratio_threshold=LOOP_COMPRESSION, log_prob_threshold=None,
                condition_on_previous_text=False, max_new_tokens=math.ceil(clip.seconds * MAX_TOKENS_PER_SECOND))
            text = " ".join(segment.text.strip() for segment in segments).strip()
            text = self._t2s.convert(text) if lang == "zh" else text
        if not text:
            raise SpeechError(_NO_WORDS)
        return Transcript(text, lang, clip.seconds, time.perf_counter() - started)

    def _language(self, speech: np.ndarray, expected: Lang | None) -> Lang:
        _, _, probabilities = self._model("multi").detect_language(speech, vad_filter=False)
        return choose_language(dict(probabilities).get("en", 0.0), expected)

    @functools.cached_property
    def _t2s(self) -> Any:
        """Traditional to simplified Chinese characters."""
        import opencc

        return opencc.OpenCC("t2s")

    def _model(self, which: str) -> Any:
        if which not in self._models:
            from faster_whisper import WhisperModel

            directory = whisper_en_dir() if which == "en" else whisper_multilingual_dir()
            self._models[which] = WhisperModel(str(directory), device="cpu", compute_type="int8",
                                               cpu_threads=self.threads)
        return self._models[which]


def speech_only(samples: np.ndarray) -> np.ndarray:
    """The stretches the voice-activity detector (Silero, bundled with faster-whisper) hears speech in,
    joined: found once per clip for both the language detector and the transcription."""
    from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

    chunks, _ = collect_chunks(samples, get_speech_timestamps(samples, VadOptions()))
    return np.concatenate(chunks, axis=0)


def choose_language(p_english: float, expected: Lang | None) -> Lang:
    """English against everything else, each weighed by a prior: even before the shopper has said
    anything, and after that the rule-of-succession estimate from one message in `expected`."""
    prior_english = 0.5 if expected is None else (2 / 3 if expected == "en" else 1 / 3)
    return "en" if p_english * prior_english > (1 - p_english) * (1 - prior_english) else "zh"
