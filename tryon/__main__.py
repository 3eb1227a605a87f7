"""Command line: `python -m tryon PERSON GARMENT --category t-shirt -o OUT.png [--json] [--stages DIR]
[--with GARMENT2 --with-category trousers ...]`.

Exit 0 on success (with --json: one JSON line with output, per-stage timings, load_s and
total_s, the render time without model loading, warnings, and shown_over: the shopper's own
clothing the garment is drawn over where bare arms or legs could not be rebuilt, e.g.
["long_sleeves"]); exit 2 on unusable input, printing
{"error": CODE, "message": ...} on stdout. With --stages DIR each step's picture (or the gate's verdict) is
written into DIR as the render makes it (`stage_sheet`), those before a refusal too; --json then lists them
under "stages".

With --with (repeatable, each with its --with-category in the same order) the garments are one outfit in one
render (`outfit`), put on bottoms first and outerwear last; --json then adds "pieces": each garment's result in
the order given (garment, category, rendered, and where it ends on the wearer, or its error code and message).
A piece refused alone leaves the others drawn; only when none is drawn is the exit 2, with the first piece's
error and the pieces.
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
    parser.add_argument("--with", dest="with_garments", action="append", default=[], metavar="GARMENT",
                        help="another garment photo worn in the same render (repeatable)")
    parser.add_argument("--with-category", dest="with_categories", action="append", default=[], metavar="CATEGORY",
                        help="the category of each --with garment, in the same order")
    args = parser.parse_args(argv)
    if len(args.with_garments) != len(args.with_categories):
        parser.error("give one --with-category for each --with garment")
    if args.with_garments and args.stages:
        parser.error("--stages draws one garment's steps: leave out --with")
    if args.with_garments:
        return _outfit(args)

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
    if not _saved(result.image, args.output):
        return 2
    if args.json:
        said = _summary(args.output, result.timings, load_s, total_s, result.warnings, result.landing.shown_over)
        if sheet is not None:
            said["stages"] = [str(Path(args.stages) / name) for name in sheet.written]
        print(json.dumps(said))
    return 0


def _outfit(args: argparse.Namespace) -> int:
    from tryon.engine import TryOnEngine
    from tryon.errors import TryOnError
    from tryon.outfit import Piece

    garments = [args.garment_image, *args.with_garments]
    categories = [args.category, *args.with_categories]
    engine = TryOnEngine()
    try:
        load_s = engine.warm_up()
        result = engine.render_outfit(args.person_image, [Piece(g, c) for g, c in zip(garments, categories)])
    except TryOnError as exc:
        print(json.dumps(exc.to_dict(), ensure_ascii=False))
        return 2
    pieces = [_piece(garment, piece) for garment, piece in zip(garments, result.pieces)]
    refused = [piece.error for piece in result.pieces if piece.error is not None]
    if len(refused) == len(result.pieces):
        print(json.dumps({**refused[0].to_dict(), "pieces": pieces}, ensure_ascii=False))
        return 2
    if not _saved(result.image, args.output):
        return 2
    if args.json:
        over = dict.fromkeys(name for piece in result.pieces if piece.landing for name in piece.landing.shown_over)
        said = _summary(args.output, result.timings, load_s, result.timings["total_s"], (), tuple(over))
        print(json.dumps({**said, "pieces": pieces}, ensure_ascii=False))
    return 0


def _saved(image, output: str) -> bool:
    """The render written to `output`, or False with the reason printed."""
    from PIL import Image

    try:
        Image.fromarray(image).save(output)
    except (OSError, ValueError) as exc:
        print(json.dumps({"error": "unwritable_output", "message": f"I couldn't write {output}: {exc}"}))
        return False
    return True


def _summary(output: str, timings: dict, load_s: float, total_s: float, warnings, shown_over) -> dict:
    return {"output": output, "timings": {k: round(v, 4) for k, v in timings.items()}, "load_s": round(load_s, 4),
            "total_s": round(total_s, 4), "warnings": list(warnings), "shown_over": list(shown_over)}


def _piece(garment: str, piece) -> dict:
    said = {"garment": garment, "category": piece.category, "rendered": piece.rendered}
    if piece.error is not None:
        return {**said, **piece.error.to_dict()}
    lands = piece.landing
    return {**said, "hem": lands.hem, "sleeves": lands.sleeves, "shown_over": list(lands.shown_over)}


if __name__ == "__main__":
    sys.exit(main())
