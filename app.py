"""The shop in a browser: a thin Gradio layer over the catalog.

Everything a shopper does goes through the catalog package; this file only lays out
controls and turns results into gallery items. No shopper data is held in module globals.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import gradio as gr

from catalog import Catalog, CatalogError, Filters, SearchResult
from catalog.progress import Progress
from catalog.demo import open_demo_catalog
from catalog.vocabulary import CATEGORIES, COLORS, SIZES
from packaged_models import PackagedModelError

log = logging.getLogger("app")
PAGE_SIZE = 12


def gallery_items(catalog: Catalog, result: SearchResult, colors: tuple[str, ...]) -> list[tuple[str, str]]:
    items = []
    for position, hit in enumerate(result.hits, start=1):
        product = hit.product
        shown_color = next((c for c in colors if c in product.colors), None)
        image = catalog.image_path(product, shown_color)
        price = "price unknown" if product.price is None else f"${product.price:,.2f}"
        sizes = ", ".join(product.sizes_in_stock(colors)) or "sold out"
        caption = f"{position}. {product.title} — {price} · {', '.join(product.colors)} · sizes: {sizes}"
        if image:
            items.append((str(image), caption))
    return items


def summary_text(result: SearchResult) -> str:
    if not result.hits:
        return "Nothing in the shop matches that, even after relaxing the filters."
    lines = [f"**{result.total}** matching products; showing the best {len(result.hits)}."]
    if result.relaxed:
        dropped = ", ".join(c.describe() for c in result.relaxed)
        lines.append(f"Nothing matched everything, so I relaxed: **{dropped}**.")
    return "\n\n".join(lines)


def build_ui(catalog: Catalog) -> gr.Blocks:
    def run_search(query: str, category: str | None, color: list[str], size: str | None, max_price: float | None):
        filters = Filters(
            category=(category,) if category else (),
            color=tuple(color or ()),
            size=size or None,
            max_price=float(max_price) if max_price else None,
        )
        result = catalog.search(query or "", filters, k=PAGE_SIZE)
        return gallery_items(catalog, result, filters.color), summary_text(result)

    with gr.Blocks(title="Shop assistant") as ui:
        gr.Markdown("## Find clothes in the shop")
        with gr.Row():
            query = gr.Textbox(label="What are you looking for?", placeholder="a navy linen shirt for a summer wedding", scale=3)
            search_button = gr.Button("Search", variant="primary", scale=1)
        with gr.Row():
            category = gr.Dropdown(choices=list(CATEGORIES), label="Category", value=None)
            color = gr.Dropdown(choices=list(COLORS), label="Colours", multiselect=True, value=[])
            size = gr.Dropdown(choices=list(SIZES), label="Size in stock", value=None)
            max_price = gr.Number(label="Max price ($)", value=None, minimum=0)
        summary = gr.Markdown()
        gallery = gr.Gallery(label="Products", columns=4, height="auto", object_fit="contain")
        inputs = [query, category, color, size, max_price]
        search_button.click(run_search, inputs, [gallery, summary])
        query.submit(run_search, inputs, [gallery, summary])
    return ui


def load_catalog(directory: str | None) -> Catalog:
    progress = Progress()
    try:
        if directory:
            return Catalog.open(Path(directory), progress=lambda d, t: progress("indexing products", d, t))
        return open_demo_catalog(progress)
    finally:
        progress.close()


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(description="Run the shopping assistant in a browser.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--catalog", help="catalog directory built with `python -m catalog build` (default: demo shop)")
    args = parser.parse_args(argv)
    try:
        catalog = load_catalog(args.catalog)
    except (CatalogError, PackagedModelError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    ui = build_ui(catalog)
    ui.queue(default_concurrency_limit=2)
    ui.launch(server_name=args.host, server_port=args.port, allowed_paths=[str(catalog.directory)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
