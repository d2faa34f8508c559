"""How a web worker settles after start-up, before its first request (config/wsgi.py; the latency
benchmark starts its measuring process the same way)."""

import gc

from django.urls import get_resolver


def settle_worker() -> None:
    """Load the URL tree now rather than on the first request (Django imports it lazily: the
    views, the API's ~500 schema classes, the document renderer), then move everything loaded so
    far out of the collector's reach: collections then scan only what requests create. Frozen
    before the URL tree, its ~100,000 objects were scanned by the first older-generation
    collection (a ~60 ms pause in some early request) and by every full collection after it."""
    get_resolver().url_patterns  # noqa: B018 - the attribute access imports the URL tree
    gc.collect()
    gc.freeze()
    # Collect the youngest generation every 10,000 allocations instead of 700: a page that builds
    # a 500-person power map allocates tens of thousands of short-lived objects, and the default
    # threshold turned that into repeated collections and p95 spikes of 2× the median.
    gc.set_threshold(10_000, 50, 100)
