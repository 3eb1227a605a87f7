"""`python -m catalog build ...` and `python -m catalog search ...`: the catalog's command line."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from catalog.demo.shop import build_demo_catalog, demo_catalog_dir, open_shop
from catalog.image_fetch import FetchOptions, ImageFetcher
from catalog.ingest import FORMATS, IngestError, ingest
from catalog.progress import Progress
from catalog.search import VALUE_SLOTS, Filters, SearchResult
from catalog.store import Catalog, CatalogError, write_catalog
from common.packaged_models import PackagedModelError

LIST_FILTERS = ("category", "color", "gender", "fit", "material", "pattern", "sleeve", "style", "occasion", "brand")


def _parse_columns(text: str | None) -> dict[str, str]:
    mapping = {}
    for pair in filter(None, (text or "").split(",")):
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise SystemExit(f"--columns takes SOURCE=FIELD pairs separated by commas, got {pair!r}")
        mapping[source.strip()] = target.strip()
    return mapping


def cmd_build(args: argparse.Namespace) -> int:
    progress = Progress()
    try:
        if args.source == "demo":
            out = Path(args.out) if args.out else demo_catalog_dir()
            products = build_demo_catalog(out, progress=lambda d, t: progress("drawing product photos", d, t))
            print(f"demo catalog: {len(products)} products written to {out}", file=sys.stderr)
        else:
            if not args.out:
                raise SystemExit("--out CATALOG_DIR is required when building from a file")
            out = Path(args.out)
            if not _build_from_file(args, out):
                progress.close()
                return 2
        catalog = Catalog.open(out, progress=progress)
        progress.close()
        print(f"index: {catalog.index.kind}, {len(catalog)} products, in {out}", file=sys.stderr)
    except (IngestError, CatalogError, PackagedModelError, OSError) as error:
        progress.close()
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _build_from_file(args: argparse.Namespace, out: Path) -> bool:
    """Ingest, print the summary, and swap the new catalog in only when it has products."""
    if args.fetch_timeout <= 0 or args.fetch_concurrency < 1 or args.fetch_max_mb <= 0:
        raise SystemExit("--fetch-timeout, --fetch-concurrency and --fetch-max-mb must be positive")
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    # Downloads sit next to the catalog (same file system, so they can be hard-linked in).
    downloads = tempfile.TemporaryDirectory(prefix=f".{out.resolve().name}.images-", dir=parent) \
        if args.fetch_images else contextlib.nullcontext(None)
    with downloads as directory:
        options = FetchOptions(timeout=args.fetch_timeout, concurrency=args.fetch_concurrency,
                               max_bytes=int(args.fetch_max_mb * 1024 * 1024))
        fetcher = ImageFetcher(Path(directory), options) if directory else None
        result = ingest(Path(args.source), args.format, Path(args.images) if args.images else None,
                        _parse_columns(args.columns), currency=args.currency, fetcher=fetcher)
        print(result.report.table())
        if not result.products:
            print(f"error: no products could be read from {args.source}; {out} was left as it was", file=sys.stderr)
            return False

        def copy_images(staging: Path) -> None:
            for relative, source in result.image_sources.items():
                _link_or_copy(source, staging / relative)

        write_catalog(out, result.products, copy_images)
    return True


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def filters_from_args(args: argparse.Namespace) -> Filters:
    def values(name: str) -> tuple[str, ...]:
        return tuple(v.strip().lower() for item in (getattr(args, name) or []) for v in item.split(",") if v.strip())

    exclude = {slot: values(f"exclude_{slot}") for slot in VALUE_SLOTS if values(f"exclude_{slot}")}
    return Filters(
        **{slot: values(slot) for slot in LIST_FILTERS},
        size=args.size.upper() if args.size else None,
        min_price=args.min_price,
        max_price=args.max_price,
        exclude=exclude,
    )


def result_json(query: str, filters: Filters, result: SearchResult) -> dict:
    return {
        "query": query,
        "total": result.total,
        "relaxed": [{"slot": c.slot, "value": c.value, "description": c.describe()} for c in result.relaxed],
        "results": [
            {
                "id": hit.product.id,
                "title": hit.product.title,
                "category": hit.product.category,
                "price": hit.product.price,
                "currency": hit.product.currency,
                "colors": list(hit.product.colors),
                "sizes_in_stock": list(hit.product.sizes_in_stock(filters.color)),
                "score": round(hit.score, 4),
                "matched": list(hit.matched),
                "image": hit.product.image,
            }
            for hit in result.hits
        ],
    }


def cmd_search(args: argparse.Namespace) -> int:
    try:
        catalog = open_shop(args.catalog)
        filters = filters_from_args(args)
        result = catalog.search(args.query, filters, k=args.k, offset=args.offset)
    except (CatalogError, PackagedModelError, ValueError) as error:
        print(json.dumps({"error": "catalog", "message": str(error)}) if args.json else f"error: {error}")
        return 2
    payload = result_json(args.query, filters, result)
    if args.json:
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    if result.relaxed:
        print(f"No exact matches; relaxed: {', '.join(r['description'] for r in payload['relaxed'])}")
    print(f"{result.total} matching products")
    for position, item in enumerate(payload["results"], start=1 + args.offset):
        price = "price unknown" if item["price"] is None else f"{item['price']:.2f} {item['currency']}"
        print(f"{position:>3}. {item['title']}  [{item['id']}]  {price}  "
              f"colours: {', '.join(item['colors'])}  sizes: {', '.join(item['sizes_in_stock']) or '-'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="python -m catalog", description="Build and search product catalogs.")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="ingest a source (or the demo) into a catalog directory with its index")
    build.add_argument("--source", required=True, help="FILE, or 'demo' for the generated demo catalog")
    build.add_argument("--format", choices=FORMATS, default="auto",
                       help="source layout (default: recognised from the file)")
    build.add_argument("--images", help="directory holding product images: the file name of the source's image "
                       "link, or <id>.<ext> / <handle>.<ext>")
    build.add_argument("--out", help="catalog directory to write (default for demo: the cache)")
    build.add_argument("--columns", help="rename source columns: SOURCE=FIELD,...")
    build.add_argument("--currency", help="3-letter currency of prices that do not name one (default USD)")
    build.add_argument("--fetch-images", action="store_true",
                       help="download image links not found in --images (needs a network)")
    build.add_argument("--fetch-timeout", type=float, default=10.0, help="seconds allowed per download (default 10)")
    build.add_argument("--fetch-concurrency", type=int, default=4, help="downloads at a time (default 4)")
    build.add_argument("--fetch-max-mb", type=float, default=10.0, help="largest image to download, MB (default 10)")
    build.set_defaults(run=cmd_build)

    search = sub.add_parser("search", help="search a catalog with hard filters")
    search.add_argument("query")
    search.add_argument("--catalog", help="catalog directory (default: the demo catalog)")
    for slot in LIST_FILTERS:
        search.add_argument(f"--{slot}", action="append", help=f"any of these {slot} values (repeat or comma-separate)")
    search.add_argument("--size")
    search.add_argument("--min-price", type=float)
    search.add_argument("--max-price", type=float)
    for slot in VALUE_SLOTS:
        search.add_argument(f"--exclude-{slot}", action="append", help=f"never show these {slot} values")
    search.add_argument("-k", type=int, default=10)
    search.add_argument("--offset", type=int, default=0)
    search.add_argument("--json", action="store_true")
    search.set_defaults(run=cmd_search)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
