"""A shopper's voice clip read into what the recogniser hears: 16 kHz mono samples, within bounds.

Every way a clip can be unusable (not audio, too long, silent) is a `SpeechError` with a sentence
the shopper can act on; nothing here writes the audio anywhere or logs it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16_000         # what Whisper hears
MAX_SECONDS = 30.0           # one Whisper window: a voice message, not a recording of a meeting
MAX_BYTES = 8 * 1024 * 1024  # read no further than this: 30 s is under 6 MB even as 48 kHz stereo WAV
# a clip whose loudest stretch stays below this (dBFS, over 50 ms frames) holds no voice: a muted or
# unplugged microphone records digital silence or hiss some 60 dB down, speech peaks within 30 dB of full scale
SILENCE_DBFS = -50.0
FRAME_S = 0.05
AUDIO_SUFFIXES = (".wav", ".mp3", ".ogg", ".oga", ".opus", ".webm", ".m4a", ".aac", ".flac")
_UNSUPPORTED = ("I couldn't play that file as a voice recording — a WAV, MP3, OGG, WebM or M4A clip "
                "would work, or you can type your message.")


class SpeechError(ValueError):
    """A clip that cannot be heard, with what to do about it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Clip:
    samples: np.ndarray   # float32, mono, SAMPLE_RATE, -1..1

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def is_audio_file(name: str) -> bool:
    return Path(name).suffix.lower() in AUDIO_SUFFIXES


def read_clip(source: str | Path | bytes) -> Clip:
    """The clip's samples, checked: audio at all, at most MAX_SECONDS, with something louder than silence."""
    data = _read_bounded(source)
    samples = _decode(data)
    clip = Clip(samples)
    if clip.seconds > MAX_SECONDS:
        raise SpeechError(f"That recording is {clip.seconds:.0f} seconds long; voice messages can be up to "
                          f"{MAX_SECONDS:.0f} seconds. Please say it in a shorter message.")
    if clip.seconds < FRAME_S or loudest_dbfs(clip.samples) < SILENCE_DBFS:
        raise SpeechError("I heard only silence in that recording. Please check that your microphone is on "
                          "and not muted, then try again, or type your message.")
    return clip


def loudest_dbfs(samples: np.ndarray) -> float:
    """The loudest FRAME_S stretch's level in dB below full scale."""
    frame = int(FRAME_S * SAMPLE_RATE)
    usable = len(samples) // frame * frame
    if usable == 0:
        return float("-inf")
    rms = np.sqrt(np.mean(np.square(samples[:usable].reshape(-1, frame), dtype=np.float64), axis=1))
    return float(20 * np.log10(max(rms.max(), 1e-12)))


def _read_bounded(source: str | Path | bytes) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        with open(source, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise SpeechError(f"That recording is too large (over {MAX_BYTES // (1024 * 1024)} MB); voice messages "
                          f"can be up to {MAX_SECONDS:.0f} seconds.")
    return data


def _decode(data: bytes) -> np.ndarray:
    """Any container and codec FFmpeg (through PyAV) reads, resampled to 16 kHz mono."""
    import av
    from faster_whisper import decode_audio

    try:
        samples = decode_audio(io.BytesIO(data), sampling_rate=SAMPLE_RATE)
    except (av.error.FFmpegError, ValueError, IndexError, OSError) as exc:
        raise SpeechError(_UNSUPPORTED) from exc
    if samples.size == 0:
        raise SpeechError(_UNSUPPORTED)
    return np.ascontiguousarray(samples, dtype=np.float32)
