"""One run of a saved search, in one place.

inputs (what the run reads first) → sources (one per upstream query, fetched with no
transaction open) → filters and store (one unit of work) → counts; progress is what the
runs page shows while it works. `run_search` is the whole run, called by the worker.
"""

from vinyldigger.services.search_run.run import run_search

__all__ = ["run_search"]
