"""Turn an ingest result into a real catalog directory with its index, as `python -m catalog build` does."""

from __future__ import annotations

from pathlib import Path

from catalog import Catalog
from catalog.ingest import IngestResult
from catalog.store import write_catalog


def open_catalog(result: IngestResult, out: Path, embedder) -> Catalog:
    def copy(staging: Path) -> None:
        for relative, source in result.image_sources.items():
            (staging / relative).write_bytes(source.read_bytes())

    write_catalog(out, result.products, copy)
    return Catalog.open(out, embedder)
