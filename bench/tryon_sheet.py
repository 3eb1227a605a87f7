"""Contact sheets (person | product | render) and per-part metrics on the real try-on dev set.

`python -m bench.tryon_sheet [--tops-per-garment 3] [--out bench/out/tryon_dev] [--renders DIR]` crosses
`../shared/tryon_dev/set.json` and `set_more.json`: each top on N people (rotating, so every person is used),
every bottom and dress on every full-length person. It prints spill (share of changed
pixels off the person), for dresses also spill off the body a skirt hanging straight down
covers (the gap between the legs below the hips is not room a dress lands in: `skirt spill`, and
the share of that above the hips: sleeves or shoulders standing out rather than a skirt's flare),
and the `one-sided spill`: that above the hips, and below them what stands out on one side of the
legs more than the other (a skirt's own flare stands out to both sides alike; a misplaced one does not),
the `flare-true` fit (bench.dress_flare: the share of the dress drawn wider than the product's own flare
scaled to the wearer's hips, and that width over the product's proportion, per dress too),
coverage of the garment's body region, face SSIM, how often the engine refuses and why, and
how often the garment is shown over old long sleeves or trousers, per part; and writes one PNG
sheet per part for a person to look at (judged by the standard in bench/tryon_rubric.md). Nothing here is a
pass/fail check: the gate in tryon/ decides what is shown.
The people are split in two halves by their place in the set (odd: tuned on; even: held out to check on), and
each part's figures are printed for each half too, so what was tuned is measured on people it was not tuned on.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
from pathlib import Path

import cv2
import numpy as np

from common.garment_kinds import GARMENT_TYPES
from bench import tryon_metrics as metrics
from tryon import TryOnEngine, TryOnError
from bench.dress_flare import flare_fit
from tryon.fit.body_clip import body_clip, skirt_body
from tryon.engine import render_on
from tryon.garment.cutting import cut_out
from tryon.quality.gate import region_coverage
from tryon.fit.warp import warp

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "tryon_dev"
OUT = Path(__file__).resolve().parent / "out" / "tryon_dev"
PART = {"upper": "tops", "lower": "bottoms", "full": "dresses"}
TILE_H = 300


def _dress_spills(original: np.ndarray, rendered: np.ndarray, person, margin: int) -> tuple[float, float]:
    """Two shares of a dress's changed pixels off the body, read from one mask of what lies off it.
    One-sided spill: what no skirt's flare explains, all of it above the hips (sleeves or shoulders
    standing out) and below them, row by row, what stands out on one side of the legs more than on the
    other (a skirt hanging from the hips flares to both sides alike, the product's own shape; a skirt
    shifted off the legs, or too wide on one side, does not). Above-hips spill: that first part alone."""
    changed = np.abs(original.astype(np.int16) - rendered.astype(np.int16)).max(axis=2) > metrics.CHANGE_THRESHOLD
    if not changed.any():
        return 0.0, 0.0
    h, w = original.shape[:2]
    body = cv2.resize(skirt_body(person).astype(np.float32), (w, h)) > 0.5
    grown = cv2.dilate(body.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * margin + 1,) * 2)) > 0
    off = changed & ~grown
    hip_y = max(0, int(float(person.point(23)[1] + person.point(24)[1]) / 2 / person.scale))
    above = int(off[:hip_y].sum())
    one_sided = above
    for y in range(hip_y, h):
        cols = np.flatnonzero(body[y])
        if cols.size == 0:
            one_sided += int(off[y].sum())
            continue
        centre = (cols[0] + cols[-1]) / 2
        xs = np.flatnonzero(off[y])
        one_sided += abs(int((xs < centre).sum()) - int((xs >= centre).sum()))
    total = float(changed.sum())
    return one_sided / total, above / total


def _flare_true(person, garment_rgb: np.ndarray):
    """The dress's flare-true fit (bench.dress_flare) on the garment as composed: warped, then clipped to the body."""
    cut = cut_out(garment_rgb, "full")
    warped = warp(person, cut)
    return flare_fit(person, cut, warped.alpha * body_clip(person, warped), warped.pairs)


def dev_spec(dev: Path) -> dict[str, list[dict]]:
    """The dev set's people and garments: `set.json`, then `set_more.json` (long sleeves worn and shot, a wrap
    dress, a floor-length dress, skirts and shorts) where it is there."""
    spec: dict[str, list[dict]] = {"people": [], "garments": []}
    for name in ("set.json", "set_more.json"):
        if (dev / name).exists():
            more = json.loads((dev / name).read_text())
            for key in spec:
                spec[key] += more.get(key, [])
    return spec


def halves(dev: Path) -> dict[str, str]:
    """Each person's half: "tune" (odd places in the set) or "check" (even places, held out)."""
    people = dev_spec(dev)["people"]
    return {p["file"]: ("tune" if i % 2 else "check") for i, p in enumerate(people)}


def pairs(dev: Path, tops_per_garment: int) -> list[tuple[str, str, str]]:
    """(person file, garment file, category) crossings of the dev set."""
    spec = dev_spec(dev)
    people = [p["file"] for p in spec["people"]]
    full = [p["file"] for p in spec["people"] if p["view"] == "full length"]
    out = []
    tops = [g for g in spec["garments"] if GARMENT_TYPES.get(g["category"]) == "upper"]
    for i, g in enumerate(tops):
        for k in range(tops_per_garment):
            out.append((people[(i * tops_per_garment + k) % len(people)], g["file"], g["category"]))
    for g in spec["garments"]:
        if GARMENT_TYPES.get(g["category"]) in ("lower", "full"):
            out.extend((p, g["file"], g["category"]) for p in full)
    return out


def _tile(rgb: np.ndarray) -> np.ndarray:
    h, w = rgb.shape[:2]
    return cv2.resize(rgb, (max(1, round(w * TILE_H / h)), TILE_H), interpolation=cv2.INTER_AREA)


def _caption(img: np.ndarray, text: str) -> np.ndarray:
    img = img.copy()
    for i, line in enumerate([text[j:j + 48] for j in range(0, len(text), 48)][:3]):
        y = 18 + 16 * i
        cv2.putText(img, line, (4, y), cv2.FONT_HERSHEY_SIMPLEX, 0.36, (255, 255, 255), 3, cv2.LINE_AA)
        cv2.putText(img, line, (4, y), cv2.FONT_HERSHEY_SIMPLEX, 0.36, (200, 0, 0), 1, cv2.LINE_AA)
    return img


def write_sheet(rows: list[list[np.ndarray]], path: Path, per_page: int = 8) -> list[Path]:
    paths = []
    for page in range(0, len(rows), per_page):
        lines = [np.hstack(r) for r in rows[page:page + per_page]]
        width = max(line.shape[1] for line in lines)
        lines = [np.pad(line, ((0, 4), (0, width - line.shape[1]), (0, 0)), constant_values=255) for line in lines]
        p = path.with_name(f"{path.stem}_{page // per_page:02d}.png")
        cv2.imwrite(str(p), cv2.cvtColor(np.vstack(lines), cv2.COLOR_RGB2BGR))
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tops-per-garment", type=int, default=3)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--part", choices=sorted(PART.values()), action="append", help="only these parts")
    ap.add_argument("--renders", type=Path, help="also write each pair's render here (PERSON__GARMENT.png), "
                    "to compare two versions of the engine pair by pair")
    args = ap.parse_args()
    if not (DEV / "set.json").exists():
        raise SystemExit(f"no dev set at {DEV}")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.renders:
        args.renders.mkdir(parents=True, exist_ok=True)
    from tryon.analysis.person import load_image

    engine = TryOnEngine(max_cached_people=32)
    engine.warm_up()
    sheets: dict[str, list[list[np.ndarray]]] = collections.defaultdict(list)
    stats: dict[str, dict[str, list]] = collections.defaultdict(lambda: collections.defaultdict(list))
    half = halves(DEV)
    for person_file, garment_file, category in pairs(DEV, args.tops_per_garment):
        part = PART[GARMENT_TYPES[category]]
        if args.part and part not in args.part:
            continue
        by_half = stats[f"{part} {half[person_file]}"]
        person_rgb = load_image(DEV / person_file)
        garment_rgb = load_image(DEV / garment_file)
        row = [_tile(person_rgb), _tile(garment_rgb)]
        try:
            analysis = engine.analyze_person(person_rgb)
            res = engine.render(person_rgb, str(DEV / garment_file), category, person=analysis)
        except TryOnError as exc:
            for st in (stats[part], by_half):
                st["refused"].append(exc.code)
            stats[part]["reasons"].append(exc.message)
            shown = np.full((TILE_H, TILE_H * 2 // 3, 3), 235, np.uint8)
            if exc.code == "render_refused":  # show what the gate kept from the shopper
                cut = engine.prepare(str(DEV / garment_file), category)
                shown = _tile(render_on(person_rgb, analysis, cut, gate=False)[0])
            row.append(_caption(shown, f"{exc.code}: {exc.message}"))
            sheets[part].append(row)
            print(f"{part:<8}{Path(person_file).stem:<22}{Path(garment_file).stem:<18} REFUSED {exc.code}: {exc.message}")
            continue
        s = 1.0 / analysis.scale
        box = tuple(int(round(v * s)) for v in analysis.face_box) if analysis.face_box is not None else None
        sw = float(np.linalg.norm(analysis.point(11) - analysis.point(12))) * s
        margin = max(1, int(0.03 * sw))
        spill = 1.0 - metrics.changed_on_body(person_rgb, res.image, analysis.mask, margin=margin)
        flare = ""
        if part == "dresses":
            skirt = 1.0 - metrics.changed_on_body(person_rgb, res.image, skirt_body(analysis), margin=margin)
            one_sided, above_hips = _dress_spills(person_rgb, res.image, analysis, margin)
            fit = _flare_true(analysis, garment_rgb)
            for st in (stats[part], by_half, stats[f"{part} {Path(garment_file).stem}"]):
                st["skirt_spill"].append(skirt)
                st["one_sided_spill"].append(one_sided)
                st["over_wide"].append(fit.over_wide)
                st["flare_ratio"].append(fit.ratio)
            stats[f"{part} {Path(garment_file).stem}"]["spill"].append(spill)
            stats[part]["above_hips_spill"].append(above_hips)
            flare = f" over-wide {fit.over_wide:5.3f} x{fit.ratio:4.2f}"
        cover = region_coverage(analysis, GARMENT_TYPES[category], res.alpha)
        face = metrics.face_ssim(person_rgb, res.image, box) if box is not None else float("nan")
        for k, v in (("spill", spill), ("coverage", cover), ("face_ssim", face), ("total_s", res.timings["total_s"])):
            stats[part][k].append(v)
        by_half["spill"].append(spill)
        over = res.landing.shown_over
        stats[part]["shown_over"].extend(over)
        row.append(_caption(_tile(res.image), f"spill {spill:.2f} cover {cover:.2f}"
                            + "".join(f" over {o}" for o in over)))
        if args.renders:
            name = f"{Path(person_file).stem}__{Path(garment_file).stem}.png"
            cv2.imwrite(str(args.renders / name), cv2.cvtColor(res.image, cv2.COLOR_RGB2BGR))
        sheets[part].append(row)
        print(f"{part:<8}{Path(person_file).stem:<22}{Path(garment_file).stem:<18} spill {spill:5.2f} "
              f"cover {cover:5.2f} face {face:5.3f} {res.timings['total_s']:5.2f}s{flare}" + "".join(f" over {o}" for o in over))
    print(f"\n{'part (half)':<15}{'n':>4}{'refused':>8}{'spill p50':>10}{'spill p90':>10}{'cover p50':>10}{'face p50':>9}")
    for part, st in stats.items():
        n = len(st["spill"]) + len(st["refused"])
        q = (lambda k, p: float(np.nanpercentile(st[k], p)) if st[k] else float("nan"))
        print(f"{part:<15}{n:>4}{len(st['refused']):>8}{q('spill', 50):10.3f}{q('spill', 90):10.3f}"
              f"{q('coverage', 50):10.3f}{q('face_ssim', 50):9.3f}")
        if st["skirt_spill"]:
            print(f"   skirt spill p50 {q('skirt_spill', 50):.3f} p90 {q('skirt_spill', 90):.3f}"
                  + (f"   of it above the hips (sleeves, shoulders) p50 {q('above_hips_spill', 50):.3f}"
                     f" p90 {q('above_hips_spill', 90):.3f}" if st["above_hips_spill"] else ""))
        if st["one_sided_spill"]:
            print(f"   one-sided spill (not the skirt's flare) p50 {q('one_sided_spill', 50):.3f}"
                  f" p90 {q('one_sided_spill', 90):.3f}")
        if st["over_wide"]:
            print(f"   flare-true: over-wide (outside the product's own flare) p50 {q('over_wide', 50):.3f}"
                  f" p90 {q('over_wide', 90):.3f}; width / product's proportion p50 {q('flare_ratio', 50):.2f}"
                  f" p90 {q('flare_ratio', 90):.2f}")
        if st["refused"]:
            print("   refusals: " + ", ".join(f"{c} x{k}" for c, k in collections.Counter(st["refused"]).items()))
        if st["shown_over"]:
            print("   shown over: " + ", ".join(f"{c} x{k}" for c, k in collections.Counter(st["shown_over"]).items()))
    for part, st in stats.items():
        for reason, k in collections.Counter(st["reasons"]).items():
            print(f"   {part} x{k}: {reason}")
    all_t = [t for st in stats.values() for t in st["total_s"]]  # only the parts' own stats hold times
    if all_t:
        print(f"render p50 (person cached) {statistics.median(all_t):.3f} s")
    for part, rows in sheets.items():
        for p in write_sheet(rows, args.out / f"{part}.png"):
            print(f"sheet: {p}")
    engine.close()


if __name__ == "__main__":
    main()
