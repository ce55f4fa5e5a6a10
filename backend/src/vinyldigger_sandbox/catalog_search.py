"""`/database/search`: find releases, masters, artists and labels by words and fields."""

from __future__ import annotations

import re
import threading
from array import array
from collections.abc import Mapping
from dataclasses import dataclass

from vinyldigger_sandbox.catalog import Catalog, Release
from vinyldigger_sandbox.ebay_search import tokenize


@dataclass(frozen=True, slots=True)
class SearchHit:
    type: str
    index: int


def normalize_code(text: str) -> str:
    """Catalog numbers and barcodes compare without spaces, dashes or case."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


class DatabaseSearch:
    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._postings: dict[str, array[int]] | None = None
        self._catnos: dict[str, array[int]] = {}
        self._barcodes: dict[str, array[int]] = {}
        # Warm-up may build from a background thread while a request wants the index.
        self._lock = threading.Lock()

    def build(self) -> None:
        """Index every release; done once, on the first search (or when warming up)."""
        with self._lock:
            if self._postings is None:
                self._build()

    def _build(self) -> None:
        postings: dict[str, array[int]] = {}
        catnos: dict[str, array[int]] = {}
        barcodes: dict[str, array[int]] = {}
        catalog = self._catalog
        for master in catalog.masters:
            master_tokens = set(tokenize(catalog.artists[master.artist_index].name))
            master_tokens |= set(tokenize(master.title))
            for index in range(master.first_release, master.first_release + master.release_count):
                release = catalog.release(index)
                tokens = master_tokens | set(tokenize(catalog.labels[release.label_index].name))
                tokens |= set(tokenize(release.catno))
                for token in tokens:
                    postings.setdefault(token, array("i")).append(index)
                catnos.setdefault(normalize_code(release.catno), array("i")).append(index)
                if release.barcode:
                    barcodes.setdefault(release.barcode, array("i")).append(index)
                    postings.setdefault(release.barcode, array("i")).append(index)
        self._catnos, self._barcodes = catnos, barcodes
        self._postings = postings

    def search(self, params: Mapping[str, str]) -> list[SearchHit]:
        self.build()
        assert self._postings is not None
        kind = params.get("type", "").lower()
        releases = self._matching_releases(params)
        hits: list[SearchHit] = []
        if kind in ("", "release", "master"):
            by_master: dict[int, list[int]] = {}
            for index in releases:
                by_master.setdefault(self._catalog.release_master[index], []).append(index)
            ordered = sorted(by_master, key=lambda m: (-self._catalog.masters[m].popularity, m))
            for master_index in ordered:
                if kind in ("", "master"):
                    hits.append(SearchHit("master", master_index))
                if kind in ("", "release"):
                    hits += [SearchHit("release", index) for index in by_master[master_index]]
        words = tokenize(params.get("q", ""))
        if kind in ("", "artist") and (words or params.get("artist")):
            wanted = set(words) | set(tokenize(params.get("artist", "")))
            hits += [
                SearchHit("artist", artist.index)
                for artist in self._catalog.artists
                if wanted <= set(tokenize(artist.name))
            ]
        if kind in ("", "label") and (words or params.get("label")):
            wanted = set(words) | set(tokenize(params.get("label", "")))
            hits += [
                SearchHit("label", label.index)
                for label in self._catalog.labels
                if wanted <= set(tokenize(label.name))
            ]
        return hits

    def _matching_releases(self, params: Mapping[str, str]) -> list[int]:
        assert self._postings is not None
        token_sets: list[set[int]] = []
        for name in ("q", "artist", "release_title", "title", "label"):
            for token in tokenize(params.get(name, "")):
                token_sets.append(set(self._postings.get(token, ())))
        if params.get("catno"):
            code = normalize_code(params["catno"])
            token_sets.append(set(self._catnos.get(code, ())))
        if params.get("barcode"):
            token_sets.append(set(self._barcodes.get(re.sub(r"\D", "", params["barcode"]), ())))
        if token_sets:
            token_sets.sort(key=len)
            candidates = sorted(token_sets[0].intersection(*token_sets[1:]))
        else:
            candidates = list(range(self._catalog.release_count))
        return [
            index
            for index in candidates
            if self._fields_match(self._catalog.release(index), params)
        ]

    def _fields_match(self, release: Release, params: Mapping[str, str]) -> bool:
        catalog = self._catalog
        master = catalog.masters[release.master_index]
        artist_tokens = set(tokenize(catalog.artists[master.artist_index].name))
        title_tokens = set(tokenize(release.title))
        if not set(tokenize(params.get("artist", ""))) <= artist_tokens:
            return False
        if not set(tokenize(params.get("release_title", ""))) <= title_tokens:
            return False
        if not set(tokenize(params.get("title", ""))) <= artist_tokens | title_tokens:
            return False
        label_tokens = set(tokenize(catalog.labels[release.label_index].name))
        if not set(tokenize(params.get("label", ""))) <= label_tokens:
            return False
        if params.get("year") and params["year"].strip() != str(release.year):
            return False
        if params.get("country") and params["country"].strip().lower() != release.country.lower():
            return False
        if params.get("format"):
            names = {release.format_name.lower()} | {d.lower() for d in release.descriptions}
            if not {part.strip().lower() for part in params["format"].split(",")} <= names:
                return False
        if params.get("genre") and params["genre"] not in master.genres:
            return False
        return not (params.get("style") and params["style"] not in master.styles)
