"""`python -m speech CLIP [--json] [--catalog DIR]`: the words in a voice clip, as the chat would hear them
(with the shop's words)."""

from __future__ import annotations

import argparse
import json
import sys

from catalog import CatalogError
from catalog.demo.shop import open_shop
from speech import Recognizer, ShopVocabulary, SpeechError, hear


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Transcribe a voice clip offline (English or Chinese).")
    parser.add_argument("clip", help="an audio file: WAV, MP3, OGG, WebM, M4A, FLAC")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the words")
    parser.add_argument("--expect", choices=("en", "zh"), help="the language the speaker has used so far, if known")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--catalog", help="the shop whose words to expect, as the chat does (default: the demo shop)")
    args = parser.parse_args(argv)
    try:
        words = ShopVocabulary.for_catalog(open_shop(args.catalog))
    except CatalogError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    recognizer = Recognizer(args.threads, words)
    try:
        transcript = hear(recognizer, args.clip, args.expect)
    except (SpeechError, OSError) as error:
        message = getattr(error, "message", None) or f"cannot read {args.clip}: {error.strerror or error}"
        print(json.dumps({"ok": False, "error": message}, ensure_ascii=False) if args.json else f"error: {message}",
              file=sys.stdout if args.json else sys.stderr)
        return 1
    finally:
        recognizer.close()
    if args.json:
        print(json.dumps({"ok": True, "text": transcript.text, "lang": transcript.lang,
                          "audio_s": round(transcript.audio_s, 3), "elapsed_s": round(transcript.elapsed_s, 3),
                          "sure": transcript.sure},
                         ensure_ascii=False))
    else:
        print(transcript.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
