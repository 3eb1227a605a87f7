"""Voice messages: how well real shoppers' words are heard, how fast, and what the models cost in memory.

Real shopper turns (`../shared/eval/real_utterances`, crowd-written) are spoken by Piper's neural
voice and by espeak-ng's robotic one, split by conversation into a dev half and a held-apart half;
the Chinese turns of `../shared/eval/nlu_dev.jsonl` are spoken by espeak-ng from their pinyin.
Latency is from the end of speech (the clip complete) to the words: in process, and with --http
through the real app to the chat showing them.

    python -m bench.speech_latency [--turns 40] [--http]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import tempfile
import time
from pathlib import Path

from speech import Recognizer, ShopVocabulary, SpeechError, hear
from speech.score import error_rate, is_chinese
from tests.speech_clips import Utterance, speak

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
FIVE_SECONDS = Utterance("I'd like a navy linen shirt for a summer wedding, size large, under sixty dollars.")


def real_turns(count: int, seed: int) -> dict[str, list[str]]:
    """Shopper turns of 3 to 25 words, half from even-numbered conversations (dev), half from odd (held apart)."""
    lines = (SHARED / "real_utterances" / "shopper_turns.jsonl").read_text().splitlines()
    halves: dict[str, list[str]] = {"dev": [], "held": []}
    for number, line in enumerate(lines):
        for turn in json.loads(line)["turns"]:
            if 3 <= len(turn["user"].split()) <= 25:
                halves["held" if number % 2 else "dev"].append(turn["user"])
    rng = random.Random(seed)
    return {name: rng.sample(turns, count // 2) for name, turns in halves.items()}


def chinese_turns() -> list[Utterance]:
    from pypinyin import Style, lazy_pinyin

    said = []
    for line in (SHARED / "nlu_dev.jsonl").read_text().splitlines():
        for turn in json.loads(line)["turns"]:
            text = turn["user"]
            if is_chinese(text) and not re.search(r"[A-Za-z0-9$]", text):
                spoken = " ".join(lazy_pinyin(re.sub(r"[^\u4e00-\u9fff]", " ", text), style=Style.TONE3))
                said.append(Utterance(text, spoken, "cmn-latn-pinyin"))
    return said


def score(recognizer: Recognizer, utterances: list[Utterance], folder: Path, expected: str) -> dict:
    rates, right_language, failed = [], 0, 0
    for index, utterance in enumerate(utterances):
        clip = speak(utterance, folder / f"{index}.wav")
        try:
            transcript = hear(recognizer, clip)
        except SpeechError:
            failed += 1
            rates.append(1.0)
            continue
        rates.append(error_rate(utterance.text, transcript.text))
        right_language += transcript.lang == expected
    return {"clips": len(utterances), "error rate": statistics.mean(rates), "language right": right_language / len(utterances),
            "no words": failed}


def latency(recognizer: Recognizer, folder: Path, runs: int) -> tuple[float, list[float]]:
    clip = speak(FIVE_SECONDS, folder / "five.wav")
    hear(recognizer, clip)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        hear(recognizer, clip)
        seconds.append(time.perf_counter() - started)
    return hear(recognizer, clip).audio_s, seconds


def http_latency(folder: Path, runs: int) -> list[float]:
    """Submit the clip to the running app; time until the chat shows the words (before the turn's reply)."""
    from gradio_client import Client, handle_file

    from tests.app_server import running_app

    clip = folder / "five.wav"
    seconds = []
    with running_app("--llm", "none") as app:
        client = Client(app.url, verbose=False, download_files=False)
        client.predict({"text": "", "files": [handle_file(str(clip))]}, api_name="/chat")   # models warm
        for _ in range(runs):
            started = time.perf_counter()
            job = client.submit({"text": "", "files": [handle_file(str(clip))]}, api_name="/chat")
            shown = None
            for update in job:
                said = [part.get("text", "") for message in update[0] for part in message["content"]]
                if shown is None and any(text.startswith("🎤 ") and text != "🎤 …" for text in said[-3:]):
                    shown = time.perf_counter() - started
            seconds.append(shown if shown is not None else float("nan"))
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=40, help="real shopper turns to speak (half dev, half held apart)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--http", action="store_true", help="also time the words appearing through the real app")
    args = parser.parse_args()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    from catalog.demo.shop import open_demo_catalog

    recognizer = Recognizer(words=ShopVocabulary.for_catalog(open_demo_catalog()))   # as the chat hears
    started = time.perf_counter()
    recognizer.warm_up()
    load_s = time.perf_counter() - started
    added_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        rows = []
        for half, turns in real_turns(args.turns, args.seed).items():
            for voice in ("piper", "en-us"):
                said = [Utterance(text, voice=voice) for text in turns]
                rows.append((f"real shopper turns, {half}", voice, score(recognizer, said, folder, "en")))
        rows.append(("nlu_dev Chinese turns", "espeak pinyin", score(recognizer, chinese_turns(), folder, "zh")))
        audio_s, seconds = latency(recognizer, folder, args.runs)
        http = http_latency(folder, args.runs) if args.http else []
    print(f"{'set':32} {'voice':14} {'clips':>5} {'WER/CER':>8} {'lang ok':>8} {'no words':>8}")
    for name, voice, result in rows:
        print(f"{name:32} {voice:14} {result['clips']:5d} {result['error rate']:8.3f} {result['language right']:8.2f} "
              f"{result['no words']:8d}")
    print(f"\n{audio_s:.1f}-second clip, end of speech -> words: p50 {statistics.median(seconds):.3f} s, "
          f"p95 {sorted(seconds)[max(0, round(0.95 * len(seconds)) - 1)]:.3f} s (in process, {args.runs} runs)")
    if http:
        print(f"through the app (upload, hearing, the chat updated): p50 {statistics.median(http):.3f} s")
    print(f"models: load {load_s:.2f} s, memory added {added_mb:.0f} MB (peak RSS)")


if __name__ == "__main__":
    main()
