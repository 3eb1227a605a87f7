"""Contact sheet of generated demo product photos, plus render timing.

Draws 48 garments spanning every category, sleeve length, colour, pattern and
material, writes them as one labelled grid to bench/out/demo_art_sheet.png for a
human to eyeball, and prints mean and p95 render time per image, by wall clock and by this process's CPU
time (the latter is the fairer number when other jobs share the machine).

    .venv/bin/python -m bench.demo_art_sheet [--size 768] [--cols 8] [--out PATH]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import cv2
import numpy as np

from catalog.demo.art import GarmentSpec, render_garment
from catalog.vocabulary import CATEGORIES, COLORS, MATERIALS, PATTERNS

_TOPS_WITH_SLEEVES = ("t-shirt", "shirt", "blouse", "polo", "sweater", "dress", "jumpsuit")
_NATURAL_MATERIAL = {
    "jeans": "denim", "sweater": "wool", "cardigan": "cashmere", "hoodie": "fleece", "jacket": "leather",
    "coat": "wool", "blazer": "wool", "blouse": "silk", "shirt": "linen",
}


def sheet_specs(count: int = 48) -> list[GarmentSpec]:
    """Cycle categories, colours and patterns at coprime strides so each pairing differs."""
    specs = []
    for i in range(count):
        category = CATEGORIES[i % len(CATEGORIES)]
        color = COLORS[(i * 5) % len(COLORS)]
        pattern = PATTERNS[(i // len(CATEGORIES) + i) % len(PATTERNS)]
        sleeve = ("short", "long", "sleeveless")[i // len(CATEGORIES) % 3] if category in _TOPS_WITH_SLEEVES else None
        material = MATERIALS[i % len(MATERIALS)]
        if i % 3:
            material = _NATURAL_MATERIAL.get(category, material)
        accent = "navy" if color in ("white", "beige", "yellow", "pink") else "white"
        specs.append(GarmentSpec(category, color, pattern, sleeve, material, accent, seed=i))
    return specs


def _label(spec: GarmentSpec) -> str:
    sleeve = f" {spec.sleeve}" if spec.sleeve else ""
    return f"{spec.color} {spec.pattern} {spec.category}{sleeve} / {spec.material}"


def contact_sheet(images: list[np.ndarray], labels: list[str], cols: int, cell: int) -> np.ndarray:
    rows = -(-len(images) // cols)
    strip = 22
    sheet = np.full((rows * (cell + strip), cols * cell, 3), 255, np.uint8)
    for k, (img, text) in enumerate(zip(images, labels)):
        r, c = divmod(k, cols)
        y, x = r * (cell + strip), c * cell
        sheet[y:y + cell, x:x + cell] = cv2.resize(img, (cell, cell), interpolation=cv2.INTER_AREA)
        cv2.putText(sheet, text, (x + 4, y + cell + 15), cv2.FONT_HERSHEY_SIMPLEX, 0.36, (40, 40, 40), 1,
                    cv2.LINE_AA)
    return sheet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=768)
    parser.add_argument("--cols", type=int, default=8)
    parser.add_argument("--cell", type=int, default=256)
    parser.add_argument("--out", type=Path, default=Path("bench/out/demo_art_sheet.png"))
    args = parser.parse_args()
    specs = sheet_specs()
    render_garment(specs[0], args.size)
    images, times, cpu = [], [], []
    for spec in specs:
        start, start_cpu = time.perf_counter(), time.process_time()
        images.append(render_garment(spec, args.size))
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    sheet = contact_sheet(images, [_label(s) for s in specs], args.cols, args.cell)
    cv2.imwrite(str(args.out), cv2.cvtColor(sheet, cv2.COLOR_RGB2BGR))
    print(f"{'clock':<6} {'images':>7} {'size':>6} {'mean ms':>9} {'p95 ms':>8} {'max ms':>8}")
    for name, values in (("wall", times), ("cpu", cpu)):
        t = np.array(values)
        print(f"{name:<6} {len(t):>7} {args.size:>6} {t.mean():>9.1f} {np.percentile(t, 95):>8.1f} {t.max():>8.1f}")
    by_category: dict[str, list[float]] = {}
    for spec, ms in zip(specs, times):
        by_category.setdefault(spec.category, []).append(ms)
    print(f"\n{'category':<10} {'wall ms':>8}")
    for category, values in by_category.items():
        print(f"{category:<10} {np.mean(values):>8.1f}")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
