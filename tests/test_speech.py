"""Voice messages on real speech: synthesised English and Chinese clips through the real Whisper models."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest

from speech import Recognizer, ShopVocabulary, SpeechError, hear, is_audio_file
from speech.audio import MAX_SECONDS, SAMPLE_RATE, read_clip
from speech.recognizer import language_shares, loops
from speech.vocabulary import HOTWORD_BUDGET, echoes
from speech.score import error_rate
from tests.speech_clips import CHINESE, ENGLISH, Utterance, speak, write_wav

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def shop_words():
    from catalog.demo.shop import open_demo_catalog

    return ShopVocabulary.for_catalog(open_demo_catalog())


@pytest.fixture(scope="module")
def recognizer(shop_words):
    """As the chat hears: with the demo shop's words."""
    recognizer = Recognizer(words=shop_words)
    yield recognizer
    recognizer.close()


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


def test_the_encoder_runs_once_per_clip(recognizer, clips, monkeypatch):
    """The language detector and every decoding (hot words, without them, the other language) read one
    encoding of the clip, and the next clip gets its own."""
    from faster_whisper import WhisperModel

    passes = []
    encode = WhisperModel.encode
    monkeypatch.setattr(WhisperModel, "encode", lambda model, features: passes.append(1) or encode(model, features))
    for utterance in (*ENGLISH[:2], *CHINESE[:2]):
        passes.clear()
        heard = hear(recognizer, clips[utterance.text], "en")
        assert len(passes) == 1, heard
        if utterance in ENGLISH:
            assert error_rate(utterance.text, heard.text) <= 0.2, heard   # a small word off
        else:   # how well is the host's to decide (the Chinese test's mean): one clip came out all wrong on an EPYC
            assert heard.lang == "zh" and any("\u4e00" <= ch <= "\u9fff" for ch in heard.text), heard


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
    def first(p_english, expected):
        shares = language_shares(p_english, expected)
        return max(shares, key=shares.get)

    assert first(0.9, None) == "en"
    assert first(0.2, None) == "zh"      # Thai, Vietnamese, Chinese: not English
    assert first(0.4, "en") == "en"       # an unsure clip from a shopper who wrote English
    assert first(0.6, "zh") == "zh"
    assert first(0.99, "zh") == "en"      # a clear English clip wins over the session
    assert sum(language_shares(0.3, "en").values()) == pytest.approx(1)


def test_english_clips_are_heard_in_english_after_a_chinese_conversation(recognizer, clips):
    """The session's language weighs on the detector, but not past a clear English clip."""
    heard = [hear(recognizer, clips[u.text], "zh") for u in ENGLISH]
    assert {t.lang for t in heard} == {"en"}, [t.text for t in heard]
    assert np.mean([error_rate(u.text, t.text) for u, t in zip(ENGLISH, heard)]) <= 0.1


# shop requests written for this test in the style of the real turns, each with the shop words it names
SHOP_REQUESTS = (
    ("do you have beige chinos in XL", ("beige", "chinos", "xl")),
    ("an olive linen blouse, nothing slim", ("olive", "linen", "blouse", "slim")),
    ("I want a grey cashmere cardigan for work", ("grey", "cashmere", "cardigan")),
    ("show me navy polo shirts with stripes", ("navy", "polo", "stripes")),
    ("I'm after a maroon hoodie in medium", ("maroon", "hoodie", "medium")),
    ("any white denim shorts for men under forty", ("white", "denim", "shorts")),
    ("a long beige trench coat, size small", ("beige", "trench", "coat", "small")),
    ("something loose in burgundy silk, maybe a blouse", ("loose", "burgundy", "silk", "blouse")),
    ("do you have khaki cargo trousers in XS", ("khaki", "cargo", "trousers", "xs")),
    ("I'd like a teal wool scarf", ("teal", "wool", "scarf")),
)


def test_the_shop_words_are_heard_where_plain_english_mishears_them(recognizer, tmp_path):
    """The same clips heard with and without the shop's words ("great genes"-like misses: "base chinos", "Lenin
    blouse", "cacky cargo trussers in excess"). Measured where this was written: 28 of the 34 shop words heard with
    them, 22 without (the same with CTranslate2 forced to AVX2 or generic code); on the CI host the first four
    requests alone gave 8 of 13 and 6. The bounds guard that the words are given and help;
    bench.speech_understanding measures how much."""
    plain = Recognizer()
    said = [speak(Utterance(text), tmp_path / f"{i}.wav") for i, (text, _) in enumerate(SHOP_REQUESTS)]
    try:
        def found(heard: Recognizer) -> int:   # each clip heard once, each of its shop words looked for
            texts = [hear(heard, clip, "en").text.lower().replace("gray", "grey") for clip in said]
            return sum(word in text for text, (_, words) in zip(texts, SHOP_REQUESTS) for word in words)
        with_shop, without = found(recognizer), found(plain)
    finally:
        plain.close()
    total = sum(len(words) for _, words in SHOP_REQUESTS)
    assert with_shop >= 0.6 * total and with_shop - without >= 2, (with_shop, without, total)


def test_the_hot_words_put_the_shop_first_within_the_decoders_budget(shop_words):
    words = shop_words.hotwords(lambda text: len(text.split()))
    assert words.split()[:3] == ["t-shirt", "shirt", "blouse"] and "beige" in words and "XL" in words
    assert len(words.split()) <= HOTWORD_BUDGET
    assert ShopVocabulary(("navy", "navy", "linen")).hotwords(len) == "navy linen"


def test_a_kind_the_shop_adds_is_among_its_hot_words(tmp_path):
    """A shop that sells shoes: "shoes" follows the canonical kinds, ahead of the colours."""
    from catalog import Catalog
    from catalog.schema import Product
    from catalog.store import write_catalog

    write_catalog(tmp_path, [Product(id="s1", title="Suede Loafers", category="shoes", price=80.0),
                             Product(id="s2", title="Linen Shirt", category="shirt", colors=["navy"], price=40.0)])
    words = ShopVocabulary.for_catalog(Catalog.open(tmp_path)).words
    assert words.index("shoes") == words.index("jumpsuit") + 1 and words.index("shoes") < words.index("black")
    assert "shoes" in ShopVocabulary(words).hotwords(lambda text: len(text.split())).split()


def test_the_prompt_read_back_is_told_from_speech():
    hot = "t-shirt shirt blouse polo sweater black white grey"
    assert echoes("and a good sweater's in here t-shirt shirt blouse", hot)
    assert not echoes("a black t-shirt and a white shirt", hot)
    assert not echoes("a shirt, a blouse and a polo", hot)


def test_a_decoding_stuck_on_a_word_or_a_few_is_a_loop():
    assert loops("black white white white white white")
    assert loops("的的的的")
    assert loops("让我把剪刀剪刀剪刀剪刀剪刀")
    assert loops("the one on the left on the left on the left on the left")
    assert not loops("the black one, the white one, the blue one")
    assert not loops("ok ok ok")
    assert not loops("the black and white one")
    assert not loops("white, white or off-white")


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
    """It hears a clip's shop words as the chat does. (Not word for word: the greedy decoding of this clip's small
    words turned on the state of the process hearing it, "a navy linen shirt in size large" in a test process that
    had run the whole suite and "navy linen shirt and size large" in a fresh one, on the same file.)"""
    clip = clips[ENGLISH[0].text]
    done = subprocess.run([sys.executable, "-m", "speech", str(clip), "--json"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert set(result) == {"ok", "text", "lang", "audio_s", "elapsed_s", "sure"} and result["ok"]
    assert result["lang"] == "en" and result["sure"] is True
    def shop_words(text: str) -> list[str]:
        return [w for w in re.findall(r"[\w'-]+", text.lower()) if w in recognizer.words.slots]

    assert shop_words(result["text"]) == shop_words(hear(recognizer, clip).text) == ["navy", "linen", "shirt", "size",
                                                                                     "large"]
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
