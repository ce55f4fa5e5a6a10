"""The browser companion's imports: tokens, the queue of listing ids, and reading it."""

from vinyldigger.services.imports.queue import import_suggested_sellers, imported_seller_counts

__all__ = ["import_suggested_sellers", "imported_seller_counts"]
