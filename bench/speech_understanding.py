"""Spoken shopper turns against typed ones: how much a voice message loses before the assistant reads it.

Real shopper conversations (`../shared/eval/real_utterances`, crowd-written) are split by conversation:
even-numbered ones are the dev half (what the recogniser's shop words and sound-alike correction were
tuned on), odd-numbered the held-apart half. Each turn is spoken by two voices, Piper's neural "joe"
with its sampling noise on and espeak-ng's robotic one, at three speeds, with pink room noise at 20 dB
below the voice, and heard through `speech.hear` twice in the same run: by the plain recogniser (the
baseline) and by the one that knows the demo shop's words, whose words are read both as decoded with
the hot words and after the sound-alike correction. The typed conversation and each heard one then run
through the real dialogue manager (no LLM); the typed reading is the reference for the spoken one.

    python -m bench.speech_understanding [--conversations 12] [--turns 4]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.eval import run_dialogues, score
from assistant.understanding import ASK_LLM_BELOW
from assistant.manager import Assistant
from speech import Recognizer, SpeechError, Transcript, hear
from speech.score import error_rate, units
from speech.vocabulary import ShopVocabulary
from tests.speech_clips import Utterance, speak, write_wav

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
SPEEDS = (0.85, 1.0, 1.2)          # Piper's length scale: faster, as trained, slower
ESPEAK_WPM = (185, 160, 135)       # the same three paces for espeak-ng
ROOM_NOISE_DB = 20.0               # the voice's level above the room's


@dataclass(frozen=True)
class Clip:
    conversation: str
    turn: int
    text: str
    voice: str
    path: Path


def conversations(count: int, turns: int, seed: int) -> dict[str, list[dict]]:
    """Real conversations, `turns` shopper turns of 2 to 25 words each, by half."""
    lines = (SHARED / "real_utterances" / "shopper_turns.jsonl").read_text().splitlines()
    halves: dict[str, list[dict]] = {"dev": [], "held": []}
    for number, line in enumerate(lines):
        record = json.loads(line)
        said = [turn["user"] for turn in record["turns"] if 2 <= len(turn["user"].split()) <= 25][:turns]
        if len(said) == turns:
            halves["held" if number % 2 else "dev"].append({"id": record["id"], "turns": said})
    rng = random.Random(seed)
    return {name: rng.sample(found, count) for name, found in halves.items()}


def with_room_noise(path: Path, rng: np.random.Generator) -> Path:
    """Pink noise under the voice, ROOM_NOISE_DB quieter than it, resampled to 16 kHz as the app hears."""
    from speech.audio import read_clip

    samples = read_clip(path).samples.astype(np.float64)
    spectrum = np.fft.rfft(rng.standard_normal(len(samples)))
    spectrum /= np.sqrt(np.maximum(np.arange(len(spectrum)), 1))
    noise = np.fft.irfft(spectrum, len(samples))
    voice_rms = np.sqrt(np.mean(samples[np.abs(samples) > 0.02] ** 2))
    noise *= voice_rms / np.sqrt(np.mean(noise ** 2)) / 10 ** (ROOM_NOISE_DB / 20)
    return write_wav(path, samples + noise)


def make_clips(halves: dict[str, list[dict]], folder: Path, seed: int) -> dict[str, list[Clip]]:
    rng = np.random.default_rng(seed)
    clips: dict[str, list[Clip]] = {}
    for half, found in halves.items():
        clips[half] = []
        for conversation in found:
            for index, text in enumerate(conversation["turns"]):
                pace = (len(clips[half]) // 2) % len(SPEEDS)
                for voice in ("piper", "espeak"):
                    path = folder / f"{half}-{len(clips[half])}.wav"
                    speak(Utterance(text, voice="piper" if voice == "piper" else "en-us"), path, ESPEAK_WPM[pace],
                          SPEEDS[pace], varied=True)
                    clips[half].append(Clip(conversation["id"], index, text, voice, with_room_noise(path, rng)))
    return clips


def hear_all(recognizer: Recognizer, clips: list[Clip]) -> list[Transcript | None]:
    """Each clip as the chat hears it (the first turn of a conversation with no language expected yet)."""
    heard: list[Transcript | None] = []
    for clip in clips:
        try:
            heard.append(hear(recognizer, clip.path, "en" if clip.turn else None))
        except SpeechError:
            heard.append(None)
    return heard


def readings(name: str, heard: list[Transcript | None]) -> dict[str, list[str]]:
    """The words each clip was read as: the shop recogniser's twice, as decoded with the hot words and after its
    sound-alikes of shop words were read again (what the chat shows), from the same hearing."""
    if name == "plain":
        return {"plain": [transcript.text if transcript else "" for transcript in heard]}
    return {"hot words": [transcript.decoded if transcript else "" for transcript in heard],
            "sound-alikes": [transcript.text if transcript else "" for transcript in heard]}


def confusions(said: list[str], heard: list[str]) -> Counter:
    """Said word -> heard word, for every substitution on the best alignment."""
    found: Counter = Counter()
    for reference, hypothesis in zip(said, heard):
        a, b = units(reference), units(hypothesis)
        table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
        for i in range(len(a) + 1):
            for j in range(len(b) + 1):
                table[i][j] = i + j if not i or not j else min(
                    table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
        i, j = len(a), len(b)
        while i and j:
            if table[i][j] == table[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
                if a[i - 1] != b[j - 1]:
                    found[(a[i - 1], b[j - 1])] += 1
                i, j = i - 1, j - 1
            elif table[i][j] == table[i - 1][j] + 1:
                i -= 1
            else:
                j -= 1
    return found


def understanding(assistant: Assistant, clips: list[Clip], texts: list[str]) -> dict:
    """The heard conversations read by the dialogue manager, scored against the typed ones; `misread`:
    per clip, whether the heard turn was read differently (intent or slots) from the typed one."""
    def dialogues(words: list[str]) -> list[dict]:
        by_id: dict[str, list[str]] = {}
        for clip, text in zip(clips, words):
            by_id.setdefault(clip.conversation, []).append(text)
        return [{"id": key, "turns": [{"user": text} for text in said]} for key, said in by_id.items()]

    typed, _ = run_dialogues(dialogues([clip.text for clip in clips]), assistant.session, lambda kind: None)
    spoken, _ = run_dialogues(dialogues(texts), assistant.session, lambda kind: None)
    expected = dialogues([clip.text for clip in clips])
    for dialogue, prediction in zip(expected, typed):
        for turn, reading in zip(dialogue["turns"], prediction["turns"]):
            turn["expect"] = {"intent": reading["intent"], "slots": reading["slots"]}
    scores = score(expected, spoken)["all"]
    misread = [turn["expect"]["intent"] != reading["intent"] or turn["expect"]["slots"] != reading["slots"]
               for dialogue, prediction in zip(expected, spoken)
               for turn, reading in zip(dialogue["turns"], prediction["turns"])]
    return {"intent": scores["intent_accuracy"], "slot_f1": scores["slot_f1"], "unsure": unsure_share(spoken),
            "unsure_typed": unsure_share(typed), "misread": misread}


def unsure_share(predictions: list[dict]) -> float:
    """The share of turns the learnt understanding was unsure of: with an LLM configured, they go to it."""
    turns = [turn for prediction in predictions for turn in prediction["turns"]]
    return sum(turn["confidence"] < ASK_LLM_BELOW for turn in turns) / len(turns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=12, help="real conversations per half")
    parser.add_argument("--turns", type=int, default=4, help="shopper turns per conversation")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--confusions", type=int, default=12, help="most frequent word confusions shown")
    parser.add_argument("--dump", type=Path, help="write every clip heard (words, log-probability, misread) as JSON lines")
    args = parser.parse_args()
    assistant = Assistant.create(llm="none", tryon=False)
    recognizers = {"plain": Recognizer(), "shop": Recognizer(words=ShopVocabulary.for_catalog(assistant.catalog))}
    rows, hearing, dumped = [], [], []
    try:
        with tempfile.TemporaryDirectory() as scratch:
            clips = make_clips(conversations(args.conversations, args.turns, args.seed), Path(scratch), args.seed)
            for half, found in clips.items():
                for name, recognizer in recognizers.items():
                    heard = hear_all(recognizer, found)
                    seconds = [transcript.elapsed_s for transcript in heard if transcript]
                    for reading, words in readings(name, heard).items():
                        hearing.append((half, reading, sum(t is not None and t.lang != "en" for t in heard),
                                        sum(t is None for t in heard), statistics.median(seconds),
                                        sorted(seconds)[int(0.9 * (len(seconds) - 1))],
                                        confusions([clip.text for clip in found], words)))
                        for voice in ("piper", "espeak"):
                            mine = [k for k, clip in enumerate(found) if clip.voice == voice]
                            read = understanding(assistant, [found[k] for k in mine], [words[k] for k in mine])
                            sure = [heard[k] is not None and heard[k].sure for k in mine]
                            rows.append((half, voice, reading, len(mine),
                                         statistics.mean(error_rate(found[k].text, words[k]) for k in mine), read,
                                         sure))
                            dumped.extend({"half": half, "voice": voice, "recogniser": reading, "said": found[k].text,
                                           "heard": words[k], "log_prob": heard[k].log_prob if heard[k] else None,
                                           "misread": bad} for k, bad in zip(mine, read["misread"]))
    finally:
        for recognizer in recognizers.values():
            recognizer.close()
        assistant.close()
    report(rows, hearing, args.confusions)
    if args.dump:
        args.dump.write_text("".join(json.dumps(record) + "\n" for record in dumped))


def report(rows: list[tuple], hearing: list[tuple], shown: int) -> None:
    print(f"{'half':5} {'voice':7} {'recogniser':12} {'clips':>5} {'WER':>6} {'intent':>7} {'slotF1':>7} "
          f"{'unsure':>7} {'typed':>6} {'misread':>8} {'checked':>8} {'unchecked misread':>18}")
    for half, voice, name, count, wer, read, sure in rows:
        misread = read["misread"]
        checked = sum(not ok for ok in sure) / count
        caught = sum(bad and not ok for bad, ok in zip(misread, sure)) / max(sum(misread), 1)
        print(f"{half:5} {voice:7} {name:12} {count:5d} {wer:6.3f} {read['intent']:7.3f} {read['slot_f1']:7.3f} "
              f"{read['unsure']:7.2f} {read['unsure_typed']:6.2f} {sum(misread) / count:8.2f} {checked:8.2f} "
              f"{sum(misread) / count * (1 - caught):18.2f}")
    print("\n(unsure: turns the learnt understanding is unsure of, which go to the LLM when one is configured, spoken "
          "and typed; misread: turns read differently from typed; checked: shown to the shopper to correct before they "
          "run; unchecked misread: misread turns that run unchecked)")
    print("\nclips heard as Chinese, with no words, hearing time p50 / p90 (both voices):")
    for half, name, chinese, empty, p50, p90, _ in hearing:
        print(f"  {half:5} {name:12} {chinese:3d} {empty:3d}   {p50:.3f} s / {p90:.3f} s")
    for half, name, *_, found in hearing:
        top = ", ".join(f"{said}→{heard} ×{n}" for (said, heard), n in found.most_common(shown))
        print(f"\nconfusions, {half}, {name}: {top}")


if __name__ == "__main__":
    main()
