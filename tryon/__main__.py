"""Command line: `python -m tryon PERSON GARMENT --category t-shirt -o OUT.png [--json] [--stages DIR]`.

Exit 0 on success (with --json: one JSON line with output, per-stage timings, load_s and
total_s, the render time without model loading, warnings, and shown_over: the shopper's own
clothing the garment is drawn over where bare arms or legs could not be rebuilt, e.g.
["long_sleeves"]); exit 2 on unusable input, printing
{"error": CODE, "message": ...} on stdout. With --stages DIR each step's picture (or the gate's verdict) is
written into DIR as the render makes it (`stage_sheet`), those before a refusal too; --json then lists them
under "stages".
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tryon", description="Virtual try-on of one garment photo.")
    parser.add_argument("person_image")
    parser.add_argument("garment_image")
    parser.add_argument("--category", required=True, help="garment type, e.g. t-shirt, dress, trousers")
    parser.add_argument("-o", "--output", required=True, help="where to write the PNG/JPEG render")
    parser.add_argument("--json", action="store_true", help="print one JSON line with timings")
    parser.add_argument("--stages", metavar="DIR", help="write each step's picture into DIR (1_person.png ...)")
    args = parser.parse_args(argv)

    from PIL import Image

    from tryon.engine import TryOnEngine
    from tryon.errors import TryOnError

    sheet = None
    if args.stages:
        from tryon.stage_sheet import StageSheet
        try:
            sheet = StageSheet(args.stages)
        except OSError as exc:
            print(json.dumps({"error": "unwritable_output", "message": f"I couldn't write {args.stages}: {exc}"}))
            return 2
    engine = TryOnEngine()
    try:
        load_s = engine.warm_up()
        t = time.perf_counter()
        result = engine.render(args.person_image, args.garment_image, args.category, on_step=sheet)
        total_s = time.perf_counter() - t
    except TryOnError as exc:
        print(json.dumps(exc.to_dict(), ensure_ascii=False))
        return 2
    try:
        Image.fromarray(result.image).save(args.output)
    except (OSError, ValueError) as exc:
        print(json.dumps({"error": "unwritable_output", "message": f"I couldn't write {args.output}: {exc}"}))
        return 2
    if args.json:
        said = {"output": args.output, "timings": {k: round(v, 4) for k, v in result.timings.items()},
                "load_s": round(load_s, 4), "total_s": round(total_s, 4),
                "warnings": list(result.warnings), "shown_over": list(result.landing.shown_over)}
        if sheet is not None:
            said["stages"] = [str(Path(args.stages) / name) for name in sheet.written]
        print(json.dumps(said))
    return 0


if __name__ == "__main__":
    sys.exit(main())
