"""A shop word the recogniser wrote as a word that sounds like it ("add it to my card", "great trousers").

The hot words make the decoder expect the shop's words, but where the sound fits both it still writes
the commoner word. This reads the decoded English again as a noisy channel: every word that is not a
shop word may have been one that sounds close to it, at a cost that grows with how far apart they
sound; the words kept are the likeliest sentence under the shop's language model (`ShopLanguage`)
times that cost. A heard word is most often what was said (the recogniser's own word error rate is
about 5% on a clear voice), so a change needs both a near sound and a sentence that reads far better.

Tuned on the dev half of the spoken real turns (`bench.speech_understanding`): the three constants
below are the setting that changed the fewest correct words for the most misheard ones there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Mapping

from catalog.vocabulary import SIZES
from speech.phonemes import Pronouncer, Sound, sound_distance
from speech.shop_language import END, START, ShopLanguage, words_of

MISHEARD = 0.003        # the prior that a heard word is a sound-alike of a shop word said
SHARPNESS = 6.0         # how fast that prior falls with the sound distance (per unit of distance)
FARTHEST = 0.25         # no shop word sounding farther than this from the heard word is considered


@dataclass(frozen=True)
class SoundAlikes:
    language: ShopLanguage
    pronouncer: Pronouncer
    shop_sounds: Mapping[str, Sound]    # each shop word's phonemes, asked once when learnt

    @classmethod
    def learn(cls, slots: dict[str, str], sentences: Iterable[str], pronouncer: Pronouncer) -> "SoundAlikes":
        """The shop's words (each with its slot) and sentences in its words."""
        return cls(ShopLanguage.learn(slots, sentences), pronouncer, pronouncer.sounds(slots))

    def correct(self, text: str) -> str:
        """`text` with each sound-alike the likeliest reading finds replaced by the shop word; the rest of the
        text (case, punctuation) as it was."""
        said = words_of(text)
        if not said:
            return text
        readings = self._readings([word for word, _ in said])
        best = self._likeliest(readings)
        for (word, (start, end)), chosen in sorted(zip(said, best), key=lambda pair: -pair[0][1][0]):
            if chosen != word:
                text = text[:start] + self._written(chosen, text[start:end]) + text[end:]
        return text

    def _written(self, word: str, replaced: str) -> str:
        """A letter size as a shop writes it ("XS"); any other word capitalised where the word it replaces was."""
        if self.language.slots.get(word) == "size" and word.upper() in SIZES:
            return word.upper()
        return word.capitalize() if replaced[:1].isupper() else word

    def _readings(self, heard: list[str]) -> list[list[tuple[str, float]]]:
        """For each heard word, what it may stand for and the channel's log-probability of hearing it so."""
        sounds = self.pronouncer.sounds(heard)
        readings = []
        for word in heard:
            options = [(word, math.log1p(-MISHEARD))]
            if word not in self.shop_sounds and not word.isdigit():
                for candidate, sound in self.shop_sounds.items():
                    distance = sound_distance(sounds[word], sound)
                    if distance <= FARTHEST:
                        options.append((candidate, math.log(MISHEARD) - SHARPNESS * distance))
            readings.append(options)
        return readings

    def _likeliest(self, readings: list[list[tuple[str, float]]]) -> list[str]:
        """Viterbi over the readings: the model is a bigram, so the best path to each last word is enough."""
        paths: dict[str, tuple[float, list[str]]] = {START: (0.0, [])}
        for options in readings:
            step: dict[str, tuple[float, list[str]]] = {}
            for previous, (score, path) in paths.items():
                for word, channel in options:
                    total = score + channel + self.language.log_prob(previous, word)
                    if word not in step or total > step[word][0]:
                        step[word] = (total, [*path, word])
            paths = step
        _, (_, best) = max(paths.items(), key=lambda item: item[1][0] + self.language.log_prob(item[0], END))
        return best
