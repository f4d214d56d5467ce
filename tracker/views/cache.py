"""Answers of the views, kept while the data they were computed from is unchanged.

A page's aggregates (cards, per-source counts, a page of figures with its total) depend
only on their arguments and on the stored data. :func:`cached_view` keeps the answer per
process, keyed by the view, its arguments and the data version
(:func:`tracker.storage.views.data_version`: the newest figure revision, flag computation
and analyst note), which one indexed query reads on each call. Any import, revision,
retraction, recomputation or note changes the version, so no answer outlives its data;
several web workers each keep their own, none assumes it is alone.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

MAX_ENTRIES = 512

_lock = threading.Lock()
_answers: OrderedDict[tuple, Any] = OrderedDict()


def _version(store) -> tuple:
    from tracker.storage.views import data_version

    with store.engine.connect() as conn:
        return (str(store.engine.url), *data_version(conn))


def cached_view(name: str) -> Callable:
    """Decorate ``fn(store, *args, **kwargs)`` (hashable arguments) to reuse its answers."""

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(store, *args, **kwargs):
            try:
                key = (name, _version(store), args, tuple(sorted(kwargs.items())))
                hash(key)
            except TypeError:  # unhashable arguments: compute every time
                return fn(store, *args, **kwargs)
            with _lock:
                if key in _answers:
                    _answers.move_to_end(key)
                    return _answers[key]
            answer = fn(store, *args, **kwargs)
            with _lock:
                _answers[key] = answer
                while len(_answers) > MAX_ENTRIES:
                    _answers.popitem(last=False)
            return answer

        wrapper.uncached = fn  # type: ignore[attr-defined]
        return wrapper

    return decorate


def clear() -> None:
    with _lock:
        _answers.clear()
