"""Fixtures for the sync tests: a session PostgreSQL cluster, a fresh database per test, stations.

PostgreSQL tests (``@pytest.mark.postgres``) skip when no server binaries are installed, except
with ``SB_REQUIRE_POSTGRES=1`` (CI), where they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest

from tests.pg import PgCluster, find_bindir


def _require() -> bool:
    return os.environ.get("SB_REQUIRE_POSTGRES") == "1"


def new_cluster() -> PgCluster:
    bindir = find_bindir()
    if bindir is None:
        if _require():
            pytest.fail("SB_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries were found")
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) installed")
    return PgCluster(bindir)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    cluster = new_cluster()
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> str:
    """A fresh, empty database in the session cluster (URL without password)."""
    return pg_cluster.url(pg_cluster.create_db())


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'shared' / 'store.db'}"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A real keyring backend (the ``keyring`` API) that keeps passwords in memory only."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(before)
