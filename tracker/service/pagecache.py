"""Answers of the pages, kept while the data they were computed from is unchanged.

A page's aggregates (cards, per-source counts, a page of figures with its total) depend
only on their arguments and on the stored data. :func:`cached_view` keeps the answer per
process, keyed by the view, its arguments and the data version
(:meth:`tracker.service.store.Store.data_version`: the newest figure revision, flag
computation and analyst note), which one indexed query reads on each call. Any import, revision,
retraction, recomputation or note changes the version, so no answer outlives its data;
several web workers each keep their own, none assumes it is alone.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from tracker.service.store import Store

MAX_ENTRIES = 512


class Memo:
    """At most ``max_entries`` answers, the least recently used dropped first."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, store: Store, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The answer under ``key`` for the data as they are now, computed at most once."""
        full = (data_key(store), key)
        with self._lock:
            if full in self._answers:
                self._answers.move_to_end(full)
                return self._answers[full]
        answer = compute()
        with self._lock:
            self._answers[full] = answer
            while len(self._answers) > self.max_entries:
                self._answers.popitem(last=False)
        return answer

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()


def data_key(store: Store) -> tuple:
    """The database and the version of its data (one indexed query)."""
    return (str(store.url), *store.data_version())


_views = Memo(MAX_ENTRIES)
_memos = [_views]


def register(memo: Memo) -> Memo:
    """Let :func:`clear` empty this memo too (the page cache of the dashboard)."""
    _memos.append(memo)
    return memo


def cached_view(name: str) -> Callable:
    """Decorate ``fn(store, *args, **kwargs)`` (hashable arguments) to reuse its answers."""

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(store: Store, *args: Any, **kwargs: Any) -> Any:
            key = (name, args, tuple(sorted(kwargs.items())))
            try:
                hash(key)
            except TypeError:  # unhashable arguments: compute every time
                return fn(store, *args, **kwargs)
            return _views.get(store, key, lambda: fn(store, *args, **kwargs))

        wrapper.uncached = fn  # type: ignore[attr-defined]
        return wrapper

    return decorate


def clear() -> None:
    for memo in _memos:
        memo.clear()
