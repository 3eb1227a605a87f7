"""Products and retrieval: schema, ingest, demo shop, FAISS index and filtered search."""

from catalog.schema import Product, SizeChartRow, Variant
from catalog.search import Constraint, Filters, Hit, SearchResult
from catalog.store import Catalog, CatalogError

__all__ = [
    "Catalog", "CatalogError", "Constraint", "Filters", "Hit", "Product", "SearchResult",
    "SizeChartRow", "Variant",
]
