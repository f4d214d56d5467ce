"""Fixtures for the dashboard tests: one fixture database and one app for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dashboards import fixture_data
from tracker.service.store import Store

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def dash_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An SQLite database with the seed and demo figures, a revision, a hostile figure and
    hand-written flags (T-…) and bands."""
    return fixture_data.build(tmp_path_factory.mktemp("dashboard") / "dashboard.db")


@pytest.fixture(scope="session")
def dash_store(dash_url: str) -> Iterator[Store]:
    store = Store(dash_url)
    yield store
    store.close()


@pytest.fixture(scope="session")
def _session_app(dash_store: Store):
    from dashboards.app import create_app

    return create_app(dash_store)


@pytest.fixture
def app(_session_app):
    """The Dash app around the fixture store (each app reads its own store, whatever other
    apps a test creates)."""
    return _session_app


@pytest.fixture
def client(app):
    return app.server.test_client()
