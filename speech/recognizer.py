"""Speech to text on the CPU, from Whisper weights that ship inside pip packages.

The shop speaks English and Chinese. One multilingual model (Whisper base) hears both: which one a
clip is in is read by its own language detector, English when it finds English likelier than all
other languages together (left free, it hears Mandarin as Thai or Vietnamese as often as Chinese,
and the shop speaks no other language), weighed by what the shopper wrote or said before in this
session. A clip whose decoding in that language fails (it loops, or comes out in the other
language's script, as an English clip heard as one Chinese character repeated) or is unsure is
heard in the other, and a sure transcript there wins. (Keeping whichever transcript is likelier
was tried: the model finds its English rendering of robotic Mandarin likelier than the Chinese.)
English is heard with the shop's words as hot words, so "grey jeans" wins over "great
genes"; Chinese without (the model repeats a Chinese prompt back as the transcript of a short or
unclear clip), its traditional characters turned simplified by OpenCC. A decoding that loops is
heard again without the hot words; a loop is never shown. English words the decoder still wrote as a
sound-alike of a shop word ("add it to my card") are read again against the shop's language
(`sound_alikes`). The detector and every decoding share one encoder pass (`one_pass_whisper`). (The
English-only tiny model the app used before was faster, 0.65 s against 0.82 s p50, but misheard the
shop's own words.)
"""

from __future__ import annotations

import functools
import logging
import math
import re
import threading
import time
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from assistant.understanding.paraphrases import shopper_sentences
from common.packaged_models import whisper_multilingual_dir
from speech.audio import Clip, SpeechError
from speech.phonemes import Pronouncer, PronouncerError
from speech.score import is_chinese
from speech.sound_alikes import SoundAlikes
from speech.vocabulary import ShopVocabulary, echoes

logger = logging.getLogger(__name__)
Lang = Literal["en", "zh"]
BEAM_SIZE = 1    # greedy: on 2 cores a 5-second clip's beam of 5 costs ~2x for no gain on short commands
# a decoding that repeats itself (its text compresses this well) is decoded again, warmer; an unsure one is
# not (re-decoding every unsure clip would double the wait, and the words are shown for the shopper to see)
TEMPERATURES = (0.0, 0.2, 0.4)
LOOP_COMPRESSION = 2.4
LOOP_REPEATS = 4    # the same word or character this many times running is a loop, however short the text
LOOP_LONGEST = 4    # ... or the same few of them, up to this many (a Chinese word is two characters)
# no speech carries more tokens than this per second (fast Mandarin: ~7 syllables/s, at most 2 tokens each);
# past it the model is looping, and a cap keeps a loop from costing seconds
MAX_TOKENS_PER_SECOND = 15
# a transcript whose tokens average a lower log-probability than this is shown for the shopper to check before
# it runs. On the dev half of the spoken real turns (bench/speech_understanding.py) it checks 8% of clips and
# catches 16% of the turns misread; at -0.6, 16% and 28%, but a clean sentence recorded through the browser's
# microphone (Opus) fell below -0.6. No signal tried separated misheard turns better (the least likely word's
# probability, read by forced alignment, was no better and tripled the time with hot words).
SURE_LOG_PROB = -0.8
# a clip heard unsurely in the likelier language is heard in the other too when the detector gave that one at
# least this share; the other's words are kept only if sure (robotic English was heard as Chinese words, and
# robotic Mandarin as an unsure English sentence, so a sure transcript is what tells them)
OTHER_LANGUAGE_SHARE = 0.05
_UNITS = re.compile(r"[\u3400-\u9fff]|[A-Za-z']+|\d+")   # what a loop repeats: a word, a number, a character
_NO_WORDS = ("I couldn't make out any words in that recording. Please try again somewhere quieter, a little "
             "closer to the microphone, or type your message.")


@dataclass(frozen=True)
class Transcript:
    text: str
    lang: Lang
    audio_s: float      # length of the clip heard
    elapsed_s: float    # time spent recognising it
    log_prob: float = 0.0   # its tokens' mean log-probability: how sure the recogniser is of the words
    decoded: str = ""       # the words as decoded, before sound-alikes of shop words were read again

    @property
    def sure(self) -> bool:
        return self.log_prob >= SURE_LOG_PROB


class Recognizer:
    """The model loads on first use (or `warm_up`); one clip at a time, since each already uses every core.
    `words`: the shop's vocabulary, for the hot words; without it the recogniser hears plain English."""

    def __init__(self, threads: int = 2, words: ShopVocabulary | None = None):
        self.threads = threads
        self.words = words
        self._whisper: Any = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        with self._lock:
            self._model()
            _ = self._sound_alikes   # learnt now rather than on the first clip

    def close(self) -> None:
        """Free the model once the clip being heard is done, before the process ends (not in the
        interpreter's teardown, which runs beside whatever thread is still in native code)."""
        with self._lock:
            self._whisper = None

    def transcribe(self, clip: Clip, expected: Lang | None = None) -> Transcript:
        """The words said in the clip; SpeechError when no words could be made out.

        `expected` is the language the shopper has used so far in the session, if any.
        """
        started = time.perf_counter()
        speech = speech_only(clip.samples)
        if not speech.size:
            raise SpeechError(_NO_WORDS)
        with self._lock, self._model().one_clip():
            shares = language_shares(self._model().english_probability(speech), expected)
            first, second = sorted(shares, key=shares.__getitem__, reverse=True)
            heard = {first: self._hear(speech, first, clip)}
            if heard[first] is None or not heard[first].sure and shares[second] >= OTHER_LANGUAGE_SHARE:
                heard[second] = self._hear(speech, second, clip)
            sound_alikes = self._sound_alikes
        lang = second if heard.get(second) and (heard[first] is None or heard[second].sure) else first
        if heard[lang] is None:
            raise SpeechError(_NO_WORDS)
        chosen = heard[lang]
        return replace(chosen, text=self._read_again(chosen, sound_alikes), decoded=chosen.text,
                       elapsed_s=time.perf_counter() - started)

    @staticmethod
    def _read_again(heard: Transcript, sound_alikes: SoundAlikes | None) -> str:
        """English words with the shop words their sound-alikes stand for; as decoded where espeak-ng fails."""
        if heard.lang != "en" or sound_alikes is None:
            return heard.text
        try:
            return sound_alikes.correct(heard.text)
        except PronouncerError as error:
            logger.warning("voice message shown as decoded: %s", error)
            return heard.text

    def _hear(self, speech: np.ndarray, lang: Lang, clip: Clip) -> Transcript | None:
        """The clip heard in `lang`: with the shop's hot words first (English), then without them if that
        loops; None when every decoding loops, is empty or comes out in the other language's script."""
        attempts = (self._hotwords, None) if lang == "en" and self._hotwords else (None,)
        for hotwords in attempts:
            heard = self._decode(speech, lang, clip, hotwords)
            if heard is not None:
                return heard
        return None

    def _decode(self, speech: np.ndarray, lang: Lang, clip: Clip, hotwords: str | None) -> Transcript | None:
        """One decoding; with hot words, only the coldest: one that loops or reads the prompt back is heard again
        without them (warmer decodings of a prompted loop cost seconds and came back looping as often)."""
        segments, _ = self._model().transcribe(
            speech, language=lang, beam_size=BEAM_SIZE, vad_filter=False, hotwords=hotwords,
            temperature=TEMPERATURES[:1] if hotwords else TEMPERATURES, compression_ratio_threshold=LOOP_COMPRESSION,
            log_prob_threshold=None, condition_on_previous_text=False,
            max_new_tokens=math.ceil(clip.seconds * MAX_TOKENS_PER_SECOND))
        segments = list(segments)
        text = " ".join(segment.text.strip() for segment in segments).strip()
        looped = loops(text) or any(segment.compression_ratio > LOOP_COMPRESSION for segment in segments)
        if not text or looped or is_chinese(text) != (lang == "zh") or hotwords and echoes(text, hotwords):
            return None
        tokens = [len(segment.tokens) for segment in segments]
        log_prob = sum(segment.avg_logprob * count for segment, count in zip(segments, tokens)) / max(sum(tokens), 1)
        return Transcript(self._t2s.convert(text) if lang == "zh" else text, lang, clip.seconds, 0.0, log_prob)

    @functools.cached_property
    def _hotwords(self) -> str:
        """The shop's words that fit the prompt, counted in the model's tokens: chosen once, not per clip."""
        if self.words is None:
            return ""
        tokenizer = self._model().hf_tokenizer
        return self.words.hotwords(lambda text: len(tokenizer.encode(" " + text, add_special_tokens=False).ids))

    @functools.cached_property
    def _sound_alikes(self) -> SoundAlikes | None:
        """The shop's words and language, with how words sound; none without the shop's words or without
        espeak-ng (the words are then shown as decoded)."""
        if self.words is None:
            return None
        pronouncer = Pronouncer()
        if not pronouncer.available:
            logger.warning("espeak-ng is not installed: voice messages are heard without sound-alike correction")
            return None
        return SoundAlikes.learn(self.words.slots, (*self.words.titles, *shopper_sentences("en")), pronouncer)

    @functools.cached_property
    def _t2s(self) -> Any:
        """Traditional to simplified Chinese characters."""
        import opencc

        return opencc.OpenCC("t2s")

    def _model(self) -> Any:
        if self._whisper is None:
            from speech.one_pass_whisper import OnePassWhisper

            self._whisper = OnePassWhisper(str(whisper_multilingual_dir()), device="cpu", compute_type="int8",
                                           cpu_threads=self.threads)
        return self._whisper


def loops(text: str) -> bool:
    """A decoding stuck on one word or character, or on a few in turn ("white white white white", "的的的的",
    "剪刀剪刀剪刀剪刀", "on the left on the left on the left on the left")."""
    said = [unit.lower() for unit in _UNITS.findall(text)]
    return any(all(said[start + turn * size:start + (turn + 1) * size] == said[start:start + size]
                   for turn in range(1, LOOP_REPEATS))
               for size in range(1, LOOP_LONGEST + 1)
               for start in range(len(said) - LOOP_REPEATS * size + 1))


def speech_only(samples: np.ndarray) -> np.ndarray:
    """The stretches the voice-activity detector (Silero, bundled with faster-whisper) hears speech in,
    joined: found once per clip for both the language detector and the transcription."""
    from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

    chunks, _ = collect_chunks(samples, get_speech_timestamps(samples, VadOptions()))
    return np.concatenate(chunks, axis=0)


def language_shares(p_english: float, expected: Lang | None) -> dict[Lang, float]:
    """English against everything else, each weighed by a prior: even before the shopper has said
    anything, and after that the rule-of-succession estimate from one message in `expected`."""
    prior_english = 0.5 if expected is None else (2 / 3 if expected == "en" else 1 / 3)
    english, other = p_english * prior_english, (1 - p_english) * (1 - prior_english)
    return {"en": english / (english + other), "zh": other / (english + other)}
