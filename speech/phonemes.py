"""How words sound, and how far apart two words sound.

The phonemes are espeak-ng's (its English dictionary and letter-to-sound rules cover any word the
recogniser writes, "trussers" as well as "trousers"); it runs as its own program, as Piper does in the
tests, since both are GPL-3.0. The distance is an edit distance over phonemes in which a change of
voicing alone ("card" / "cart") or of one vowel for another ("Lenin" / "linen") costs less than any
other change, divided by the longer word's length so that one change weighs more in a short word.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from typing import Iterable

Sound = tuple[str, ...]

VOICE = "en-us"
TIMEOUT_S = 5.0
SEPARATOR = "_"
_STRESS = "ˈˌ"
_VOWELS = frozenset("aeiouɑɒæɛɪʊʌəɜɚɐɔoʏ")
# consonants that differ in voicing alone
_VOICING_PAIRS = frozenset(frozenset(pair) for pair in (
    ("p", "b"), ("t", "d"), ("k", "ɡ"), ("f", "v"), ("s", "z"), ("ʃ", "ʒ"), ("tʃ", "dʒ"), ("θ", "ð")))
VOICING_ONLY = 0.4
VOWEL_FOR_VOWEL = 0.5
CONSONANT_FOR_CONSONANT = 0.8
VOWEL_FOR_CONSONANT = 1.0
INSERTED = 0.7    # a sound heard that was not said, or said and not heard ("grey" heard "great")


class PronouncerError(RuntimeError):
    """espeak-ng is missing, failed or hung."""


class Pronouncer:
    """Phonemes of words, each word asked of espeak-ng once. Unavailable (`available` False) where the
    program is not installed: the recogniser then hears without sound-alike correction."""

    def __init__(self, command: str = "espeak-ng"):
        self.command = shutil.which(command)
        self._known: dict[str, Sound] = {}
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return self.command is not None

    def sounds(self, words: Iterable[str]) -> dict[str, Sound]:
        """Each word's phonemes (lower-case words; one call to espeak-ng for all those not known yet)."""
        words = list(dict.fromkeys(words))
        with self._lock:
            new = [word for word in words if word not in self._known]
            if new:
                lines = [line for line in self._speak("\n".join(new)).splitlines() if line.strip()]
                if len(lines) != len(new):   # a word read as two clauses: ask for each on its own
                    lines = [self._speak(word) for word in new]
                self._known.update((word, _phonemes(line)) for word, line in zip(new, lines))
            return {word: self._known[word] for word in words}

    def _speak(self, text: str) -> str:
        if self.command is None:
            raise PronouncerError("espeak-ng is not installed")
        try:
            done = subprocess.run([self.command, "-q", "--ipa", "-v", VOICE, f"--sep={SEPARATOR}"], input=text,
                                  capture_output=True, text=True, timeout=TIMEOUT_S, check=True)
        except (OSError, subprocess.SubprocessError) as error:
            raise PronouncerError(f"espeak-ng could not say how {text[:40]!r} sounds: {error}") from error
        return done.stdout


def _phonemes(line: str) -> Sound:
    return tuple(unit.strip(_STRESS) for unit in re.split(rf"[{SEPARATOR}\s]+", line) if unit.strip(_STRESS))


def _is_vowel(phoneme: str) -> bool:
    return phoneme[0] in _VOWELS


def substitution(said: str, heard: str) -> float:
    if said == heard:
        return 0.0
    if _is_vowel(said) and _is_vowel(heard):
        return VOWEL_FOR_VOWEL
    if _is_vowel(said) or _is_vowel(heard):
        return VOWEL_FOR_CONSONANT
    return VOICING_ONLY if frozenset((said, heard)) in _VOICING_PAIRS else CONSONANT_FOR_CONSONANT


def sound_distance(a: Sound, b: Sound) -> float:
    """0 for words that sound the same ("genes", "jeans"); about 0.1 to 0.2 for one changed sound in a
    word of five or six; 0.5 and more for words a listener would not confuse."""
    previous = [j * INSERTED for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [i * INSERTED] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + INSERTED, current[j - 1] + INSERTED,
                             previous[j - 1] + substitution(a[i - 1], b[j - 1]))
        previous = current
    return previous[-1] / max(len(a), len(b), 1)
