"""Passwords: in the OS keyring only, asked for when there is none, never shown anywhere."""

from __future__ import annotations

import io
import logging
import time
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from situation_board import cli
from situation_board.sync.backend import SharedStore
from situation_board.sync.credentials import (
    KEYRING_SERVICE,
    PasswordSource,
    keyring_password,
    parse_store_url,
    save_password,
)
from situation_board.sync.engine import SyncEngine
from situation_board.sync.errors import SyncError
from tests.conftest import run_cli
from tests.integration.sync.conftest import MemoryKeyring
from tests.integration.sync.helpers import Station
from tests.pg import SECRET_PASSWORD, SECRET_ROLE, PgCluster, free_port

WRONG = "fel-lösenord-kanarie-91c2"


@pytest.fixture
def no_keyring() -> object:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def secret_url(pg_cluster: PgCluster) -> str:
    """A database owned by the password-protected role, reached over TCP, no password in URL."""
    return pg_cluster.tcp_url(pg_cluster.create_db(owner=SECRET_ROLE), user=SECRET_ROLE)


def test_keyring_round_trip_through_our_code(memory_keyring: MemoryKeyring) -> None:
    """The real ``keyring`` API with a real backend object (in memory: no desktop in CI)."""
    store = parse_store_url("postgresql+psycopg://stab@db.region.example/lagesbild")
    save_password(store, "hemligt-1")
    assert keyring.get_password(KEYRING_SERVICE, store.display) == "hemligt-1"
    assert keyring_password(store) == "hemligt-1"
    assert PasswordSource(store).get() == "hemligt-1"
    assert memory_keyring.saved == {(KEYRING_SERVICE, store.display): "hemligt-1"}


def test_store_password_command_reads_stdin_into_the_keyring(
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql+psycopg://stab@db.region.example/lagesbild"
    monkeypatch.setattr("sys.stdin", io.StringIO("hemligt-2\n"))
    assert cli.main(["store", "password", url]) == 0
    assert keyring.get_password(KEYRING_SERVICE, url) == "hemligt-2"
    out = capsys.readouterr()
    assert "sparat i nyckelringen" in out.out and "hemligt-2" not in out.out + out.err


def test_no_keyring_is_said_plainly(
    no_keyring: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+psycopg://stab@db.region.example/lagesbild"
    monkeypatch.setattr("sys.stdin", io.StringIO("hemligt-3\n"))
    assert cli.main(["store", "password", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ingen nyckelring" in err and "hemligt-3" not in err
    # it names what works on a machine without a keyring, not the command that cannot work
    assert "PGPASSFILE" in err and "klientcertifikat" in err and "store password" not in err
    assert keyring_password(parse_store_url(url)) is None


class BrokenKeyring(MemoryKeyring):
    """A backend that fails with its own exception type, as Windows' and D-Bus backends can."""

    def get_password(self, service: str, username: str) -> str | None:
        raise OSError("the credential store is not available")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise OSError("the credential store is not available")


def test_a_failing_keyring_backend_means_no_password_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        store = parse_store_url("postgresql+psycopg://stab@db.region.example/lagesbild")
        assert keyring_password(store) is None
        assert PasswordSource(store).secrets() == []
        monkeypatch.setattr("sys.stdin", io.StringIO("hemligt-5\n"))
        assert cli.main(["store", "password", store.display]) == 2
    finally:
        keyring.set_keyring(before)
    err = capsys.readouterr().err
    assert "Nyckelringen svarade med fel (OSError)" in err and "hemligt-5" not in err


def test_a_password_in_the_url_is_refused() -> None:
    with pytest.raises(SyncError) as err:
        parse_store_url("postgresql://stab:hemligt-4@db/lagesbild")
    assert err.value.key == "store_url_has_password"
    assert "hemligt-4" not in err.value.message() + repr(err.value)


@pytest.mark.postgres
def test_prompt_hook_is_asked_once_when_there_is_no_keyring(
    no_keyring: object, tmp_path: Path, secret_url: str
) -> None:
    asked: list[str] = []

    def prompt(display: str) -> str:
        asked.append(display)
        return SECRET_PASSWORD

    source = PasswordSource(parse_store_url(secret_url), prompt)
    shared = SharedStore(source.store, source)
    with pytest.raises(SyncError) as err:
        shared.init()
    assert err.value.key == "store_password_missing"
    assert source.ask() and shared.init()[1]  # created with the typed password
    shared.close()
    station = Station(tmp_path, "V1", secret_url)
    station.svc.start_event("Prov")
    engine = SyncEngine(station.store, secret_url, prompt=prompt)
    report = engine.run_once()  # no keyring: asks, then syncs
    assert report.pushed == 2 and asked == [source.store.display] * 2
    assert SECRET_PASSWORD not in repr(engine.password) + repr(engine.shared) + repr(source)


@pytest.mark.postgres
def test_wrong_password_retries_with_backoff_and_loses_nothing(
    memory_keyring: MemoryKeyring, tmp_path: Path, secret_url: str
) -> None:
    store = parse_store_url(secret_url)
    save_password(store, SECRET_PASSWORD)
    SharedStore(store).init()
    save_password(store, WRONG)
    station = Station(tmp_path, "V1", secret_url)
    station.svc.start_event("Prov")
    station.svc.add_entry("Skrivet medan lösenordet är fel.")
    engine = SyncEngine(station.store, secret_url, interval_s=1)
    engine.start()
    try:
        deadline = time.monotonic() + 30  # two failed runs, however busy the machine is
        while engine.status().consecutive_failures < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        status = engine.status()
        assert status.consecutive_failures >= 2
        assert status.last_error and "Fel lösenord eller användare" in status.last_error
        assert WRONG not in status.last_error
        assert status.pending == 3  # nothing lost
        assert status.next_attempt_at is not None
        save_password(store, SECRET_PASSWORD)  # `store password` with the right one
        engine.sync_now()
        # pending is read from the board and reaches 0 at the push's commit, a moment
        # before the run records its success: wait for both, not only the first
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            status = engine.status()
            if status.pending == 0 and status.last_error is None:
                break
            time.sleep(0.1)
        status = engine.status()
        assert status.pending == 0 and status.last_error is None
    finally:
        engine.stop()


def test_unreachable_host_is_one_clear_line(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://stab@127.0.0.1:{free_port()}/lagesbild"
    proc = run_cli("--db", str(tmp_path / "b.db"), "sync", "--once", "--store", url)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "Når inte den gemensamma databasen" in proc.stderr and url in proc.stderr


@pytest.mark.postgres
def test_canary_password_never_appears_at_debug_level(
    tmp_path: Path,
    secret_url: str,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("sqlalchemy.engine", "sqlalchemy.pool", "psycopg"):
        caplog.set_level(logging.DEBUG, logger=name)
    store = parse_store_url(secret_url)
    save_password(store, SECRET_PASSWORD)
    shared = SharedStore(store)
    shared.init()
    texts = [repr(shared), repr(store), str(shared.engine().url), repr(shared.engine())]
    station = Station(tmp_path, "V1", secret_url)
    station.svc.start_event("Prov")
    engine = SyncEngine(station.store, secret_url, interval_s=1)
    engine.run_once()
    save_password(store, WRONG)
    engine.shared.close()
    with pytest.raises(SyncError) as err:
        engine.run_once()
    texts += [str(err.value), repr(err.value), err.value.message("en"), str(engine.status())]
    assert err.value.__cause__ is None
    config = tmp_path / "debug.toml"
    config.write_text('log_level = "DEBUG"\n', encoding="utf-8")
    for secret in (SECRET_PASSWORD, WRONG):  # right, then wrong: both through the real keyring API
        proc = run_cli(
            "--config",
            str(config),
            "--db",
            str(tmp_path / "cli.db"),
            "--station",
            "V2",
            "sync",
            "--once",
            "--store",
            secret_url,
            env={
                "PYTHON_KEYRING_BACKEND": "tests.keyring_env.EnvKeyring",
                "SB_TEST_KEYRING_PASSWORD": secret,
            },
        )
        assert proc.returncode == (0 if secret == SECRET_PASSWORD else 2), proc.stderr[-500:]
        assert "DEBUG" in proc.stderr and "SELECT" in proc.stderr  # really at DEBUG level
        texts += [proc.stdout, proc.stderr]
    captured = capsys.readouterr()
    texts += [caplog.text, captured.out, captured.err]
    assert "DEBUG" in caplog.text and "UPDATE store_counter" in caplog.text
    for text in texts:
        assert SECRET_PASSWORD not in text
        assert WRONG not in text


@pytest.mark.postgres
def test_no_keyring_names_the_password_file_and_the_password_file_works(
    tmp_path: Path, secret_url: str, memory_keyring: MemoryKeyring
) -> None:
    """A headless station with no keyring backend (sync as a service): the message names what
    works on that machine — libpq's password file, client certificates — and it does work."""
    store = parse_store_url(secret_url)
    source = PasswordSource(store)
    source.set(SECRET_PASSWORD)
    SharedStore(store, source).init()
    db = tmp_path / "station.db"
    run_cli("--db", str(db), "event", "new", "Huvudlös station", check=True)
    pgpass = tmp_path / "pgpass"
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "PGPASSFILE": str(pgpass)}
    proc = run_cli("--db", str(db), "sync", "--once", "--store", secret_url, env=env)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert str(pgpass) in proc.stderr and "klientcertifikat" in proc.stderr
    assert "store password" not in proc.stderr and SECRET_PASSWORD not in proc.stderr
    url = store.url
    pgpass.write_text(
        f"{url.host}:{url.port}:{url.database}:{url.username}:{SECRET_PASSWORD}\n", encoding="utf-8"
    )
    pgpass.chmod(0o600)
    proc = run_cli("--db", str(db), "sync", "--once", "--store", secret_url, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Synkat med") and SECRET_PASSWORD not in proc.stdout
