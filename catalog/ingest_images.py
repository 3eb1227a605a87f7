"""Each ingested product's photos: found in the images directory by name or link, checked by
content, or downloaded when a fetcher is given; every photo not used is reported."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from catalog.formats.common import Candidate, ImageWant, IngestReport
from catalog.image_fetch import ImageFetcher, is_web_link, rejection_reason
from catalog.schema import Product
from common.images import PHOTO_LIMITS, ImageRejected, check_image_file

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


class _LocalImages:
    """The images directory, looked up by file name (case-insensitively), each file checked once."""

    def __init__(self, directory: Path | None, report: IngestReport):
        self.report = report
        self.by_name: dict[str, Path] = {}
        self.usable: dict[Path, bool] = {}
        if directory is not None:
            root = directory.resolve()
            for path in sorted(directory.iterdir()):
                if path.is_file() and path.resolve().is_relative_to(root):
                    self.by_name.setdefault(path.name.lower(), path)

    def find(self, want: ImageWant, line: int) -> Path | None:
        names = [_ref_name(ref) for ref in want.refs] + [f"{stem}{suffix}" for stem in want.stems for suffix in IMAGE_SUFFIXES]
        for name in names:
            path = self.by_name.get(name.lower()) if name else None
            if path is not None and self._check(path, line):
                return path
        return None

    def _check(self, path: Path, line: int) -> bool:
        if path not in self.usable:
            try:
                check_image_file(path, PHOTO_LIMITS)
                self.usable[path] = True
            except ImageRejected as error:
                reason = rejection_reason(error)
                self.report.images_rejected[reason] += 1
                self.report.warn(line, f"image {path.name!r} not used: {reason}")
                self.usable[path] = False
        return self.usable[path]


def _ref_name(ref: str) -> str:
    """The file name a reference points at: the last path component of a URL or a path."""
    ref = ref.strip()
    if "://" in ref:
        try:
            ref = unquote(urlsplit(ref).path)
        except ValueError:
            return ""
    return ref.replace("\\", "/").rsplit("/", 1)[-1]


def attach_images(kept: list[tuple[Product, Candidate]], images_dir: Path | None, fetcher: ImageFetcher | None,
                   report: IngestReport) -> tuple[list[Product], dict[str, Path]]:
    """Products with their photos resolved (local files first, then downloads) and where each comes from."""
    local = _LocalImages(images_dir, report)
    wants = [(c.line, [(None, c.image), *c.color_images.items()]) for _, c in kept]
    found: dict[tuple[int, str | None], Path] = {}
    for index, (line, items) in enumerate(wants):
        for color, want in items:
            path = local.find(want, line)
            if path is not None:
                found[(index, color)] = path
    report.images_local = len(set(found.values()))
    linked = [i for i, (_, c) in enumerate(kept) if any(w.refs for w in (c.image, *c.color_images.values()))]
    if fetcher is not None:
        _download_missing(wants, found, fetcher, report)
    report.images_unresolved = sum(not any(key[0] == i for key in found) for i in linked)
    products: list[Product] = []
    sources: dict[str, Path] = {}
    stems: set[str] = set()
    for index, (product, _) in enumerate(kept):
        paths = {color: found[(index, color)] for color in [None, *product.colors] if (index, color) in found}
        main = paths.get(None) or next(iter(paths.values()), None)
        if main is None:
            products.append(product.model_copy(update={"image": None, "color_images": {}}))
            continue
        stem = _image_stem(product.id, stems)
        named: dict[Path, str] = {main: f"images/{stem}{main.suffix.lower()}"}
        for color, path in paths.items():
            if color is not None and path not in named:
                named[path] = f"images/{stem}--{_safe_name(color)}{path.suffix.lower()}"
        sources.update({rel: path for path, rel in named.items()})
        color_images = {color: named[path] for color, path in paths.items() if color is not None}
        products.append(product.model_copy(update={"image": named[main], "color_images": color_images}))
    return products, sources


def _download_missing(wants: list, found: dict, fetcher: ImageFetcher, report: IngestReport) -> None:
    """Fetch the first web link of every photo not found locally, and note what failed and why."""
    urls: dict[tuple[int, str | None], str] = {}
    for index, (_, items) in enumerate(wants):
        for color, want in items:
            url = next((ref for ref in want.refs if is_web_link(ref)), None)
            if (index, color) not in found and url:
                urls[(index, color)] = url
    if not urls:
        return
    result = fetcher.fetch(urls.values())
    report.images_fetched = len(result.files)
    failed_lines: dict[str, int] = {}
    for key, url in urls.items():
        if url in result.files:
            found[key] = result.files[url]
        elif url in result.failures:
            failed_lines.setdefault(url, wants[key[0]][0])
    for url, line in failed_lines.items():
        reason = result.failures[url]
        report.fetch_failures[reason] += 1
        report.warn(line, f"image {url[:120]} not downloaded: {reason}")


def _safe_name(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", value)[:80].strip(".") or "item"


def _image_stem(product_id: str, used: set[str]) -> str:
    """A file-name stem for a product's photos, unique even on case-insensitive file systems."""
    stem = base = _safe_name(product_id)
    number = 1
    while stem.lower() in used:
        number += 1
        stem = f"{base}-{number}"
    used.add(stem.lower())
    return stem
