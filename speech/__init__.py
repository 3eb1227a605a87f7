"""Offline speech recognition for voice messages: a clip in, the shopper's words out (`hear`)."""

from __future__ import annotations

from pathlib import Path

from speech.audio import SpeechError, is_audio_file, read_clip
from speech.recognizer import Lang, Recognizer, Transcript
from speech.vocabulary import ShopVocabulary

__all__ = ["Recognizer", "ShopVocabulary", "SpeechError", "Transcript", "hear", "is_audio_file"]


def hear(recognizer: Recognizer, source: str | Path | bytes, expected: Lang | None = None) -> Transcript:
    """The words in a voice clip; SpeechError with a sentence for the shopper when there are none."""
    return recognizer.transcribe(read_clip(source), expected)
