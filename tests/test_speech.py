"""Voice messages on real speech: synthesised English and Chinese clips through the real Whisper models."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest

from speech import Recognizer, SpeechError, hear, is_audio_file
from speech.audio import MAX_SECONDS, SAMPLE_RATE, read_clip
from speech.recognizer import choose_language
from speech.score import error_rate
from tests.speech_clips import CHINESE, ENGLISH, Utterance, speak, write_wav

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def recognizer():
    return Recognizer()


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    folder = tmp_path_factory.mktemp("speech")
    return {u.text: speak(u, folder / f"{i}.wav") for i, u in enumerate(ENGLISH + CHINESE)}


def test_english_requests_are_heard_word_for_word(recognizer, clips):
    heard = [hear(recognizer, clips[u.text]) for u in ENGLISH]
    assert {t.lang for t in heard} == {"en"}
    rates = [error_rate(u.text, t.text) for u, t in zip(ENGLISH, heard)]
    assert np.mean(rates) <= 0.1, list(zip([t.text for t in heard], rates))


def test_chinese_requests_are_heard_in_chinese(recognizer, clips):
    """Before the shopper has said anything, and after they wrote in Chinese; espeak-ng's robotic
    pinyin voice is far harder than a person, so the character error bound is loose."""
    for expected in (None, "zh"):
        heard = [hear(recognizer, clips[u.text], expected) for u in CHINESE]
        assert {t.lang for t in heard} == {"zh"}
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t.text) for t in heard)
        # measured .725 where this was written and .85 on another host (an AVX2 EPYC) with the same packages and
        # clips: the bound leaves room for the host, not for a voice heard as noise (1.0 each)
        assert np.mean([error_rate(u.text, t.text) for u, t in zip(CHINESE, heard)]) <= 0.9


def test_a_second_voice_and_other_containers(recognizer, clips, tmp_path):
    """The same request in espeak-ng's robotic voice, and the neural voice's clip as WebM (Opus) and MP3."""
    robotic = speak(Utterance(ENGLISH[1].text, voice="en-us"), tmp_path / "robotic.wav", 140)
    assert error_rate(ENGLISH[1].text, hear(recognizer, robotic).text) <= 0.3
    samples = read_clip(clips[ENGLISH[3].text]).samples
    for container, codec in (("webm", "libopus"), ("mp3", "libmp3lame")):
        encoded = _encode(samples, container, codec)
        assert error_rate(ENGLISH[3].text, hear(recognizer, encoded).text) <= 0.15, container


def test_silence_noise_and_non_audio_get_a_reason(recognizer, tmp_path):
    quiet = write_wav(tmp_path / "quiet.wav", np.random.default_rng(0).normal(0, 1e-4, SAMPLE_RATE * 3))
    with pytest.raises(SpeechError, match="only silence"):
        hear(recognizer, quiet)
    hiss = write_wav(tmp_path / "hiss.wav", np.random.default_rng(1).normal(0, 0.2, SAMPLE_RATE * 3))
    with pytest.raises(SpeechError, match="couldn't make out any words"):
        hear(recognizer, hiss)
    with pytest.raises(SpeechError, match="couldn't play that file"):
        hear(recognizer, b"GIF89a this is no recording at all" * 50)
    with pytest.raises(SpeechError, match="couldn't play that file"):
        hear(recognizer, b"")


def test_a_clip_past_the_cap_is_refused_before_it_is_heard(tmp_path):
    tone = 0.3 * np.sin(np.arange(int(SAMPLE_RATE * (MAX_SECONDS + 2))) * 2 * np.pi * 220 / SAMPLE_RATE)
    with pytest.raises(SpeechError, match="voice messages can be up to 30 seconds"):
        read_clip(write_wav(tmp_path / "long.wav", tone))
    with pytest.raises(SpeechError, match="too large"):
        read_clip(b"RIFF" + bytes(9 * 1024 * 1024))


def test_language_is_english_against_all_others_weighed_by_what_came_before():
    assert choose_language(0.9, None) == "en"
    assert choose_language(0.2, None) == "zh"      # Thai, Vietnamese, Chinese: not English
    assert choose_language(0.4, "en") == "en"       # an unsure clip from a shopper who wrote English
    assert choose_language(0.6, "zh") == "zh"
    assert choose_language(0.99, "zh") == "en"      # a clear English clip wins over the session


def test_error_rate_reads_speech_as_written():
    assert error_rate("under fifty dollars", "Under $50.") == 0
    assert error_rate("a grey T-shirt", "a gray t shirt") == 0
    assert error_rate("I am sure it isn't", "I'm sure it is not") == 0
    assert error_rate("我想要黑色", "我想要白色") == pytest.approx(0.2)
    assert error_rate("add the second one", "add the second") == pytest.approx(0.25)


def test_audio_files_are_told_from_photos():
    assert is_audio_file("/tmp/x/audio.wav") and is_audio_file("clip.WEBM")
    assert not is_audio_file("selfie.jpg")


def test_the_command_line_prints_one_json_object(recognizer, clips):
    """It hears a clip exactly as the chat does."""
    clip = clips[ENGLISH[0].text]
    done = subprocess.run([sys.executable, "-m", "speech", str(clip), "--json"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert set(result) == {"ok", "text", "lang", "audio_s", "elapsed_s"} and result["ok"] and result["lang"] == "en"
    assert result["text"] == hear(recognizer, clip).text
    broken = subprocess.run([sys.executable, "-m", "speech", str(ROOT / "README.md"), "--json"], cwd=ROOT,
                            capture_output=True, text=True)
    assert broken.returncode == 1 and json.loads(broken.stdout)["ok"] is False


def _encode(samples: np.ndarray, container: str, codec: str) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=container) as out:
        stream = out.add_stream(codec, rate=SAMPLE_RATE)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray((samples * 32767).astype(np.int16)[None, :], format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buffer.getvalue()
