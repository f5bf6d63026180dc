"""Sync rules without a database: per-field merge, backoff, URLs, scrubbing, status colours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from situation_board.sync.credentials import parse_store_url
from situation_board.sync.engine import BACKOFF_CAP_S, backoff_delay
from situation_board.sync.errors import SyncError, classify, scrub
from situation_board.sync.merge import conflict_id, decide, remote_wins
from situation_board.sync.status import Health, SyncStatus

S1 = "0000000000010000/site-a"
S2 = "0000000000020000/site-b"
S3 = "0000000000030000/site-a"


def test_first_write_applies() -> None:
    assert decide(S1, None, None) == decide(S1, None, None)
    d = decide(S1, None, None)
    assert d.apply and not d.conflict


def test_a_replay_changes_nothing() -> None:
    d = decide(S2, S1, S2)
    assert not d.apply and not d.conflict


def test_sequential_edit_applies_without_conflict() -> None:
    d = decide(S3, S2, S2)
    assert d.apply and not d.conflict


def test_concurrent_newer_push_wins_and_records_the_loser() -> None:
    d = decide(S3, S1, S2)  # the store has S2, which the pusher never saw
    assert d.apply and d.conflict


def test_concurrent_older_push_loses_and_is_recorded() -> None:
    d = decide(S2, S1, S3)
    assert not d.apply and d.conflict


def test_store_behind_the_base_after_a_restore_applies() -> None:
    d = decide(S3, S2, S1)
    assert d.apply and not d.conflict


def test_stamp_ties_break_by_site_id() -> None:
    a, b = "0000000000010000/site-a", "0000000000010000/site-b"
    assert decide(b, None, a).apply and not decide(a, None, b).apply


def test_pull_takes_only_newer_fields() -> None:
    assert remote_wins(S2, None) and remote_wins(S2, S1)
    assert not remote_wins(S1, S2) and not remote_wins(S2, S2)


def test_conflict_ids_are_deterministic() -> None:
    assert conflict_id("actions", "x", "owner", S2, S1) == conflict_id(
        "actions", "x", "owner", S2, S1
    )
    assert conflict_id("actions", "x", "owner", S2, S1) != conflict_id(
        "actions", "x", "title", S2, S1
    )


@pytest.mark.parametrize("failures", range(1, 12))
def test_backoff_grows_with_jitter_and_is_capped(failures: int) -> None:
    low = backoff_delay(failures, 15, rand=lambda: 0.0)
    high = backoff_delay(failures, 15, rand=lambda: 1.0)
    assert 0 < low < high <= BACKOFF_CAP_S
    assert high == min(60.0, 15 * 2 ** (failures - 1))
    assert low == high / 2
    if failures > 1:
        assert high >= backoff_delay(failures - 1, 15, rand=lambda: 1.0)


def test_store_urls() -> None:
    assert parse_store_url("postgresql://stab@db/board").url.drivername == "postgresql+psycopg"
    assert parse_store_url("sqlite:////srv/share/board.db").kind == "sqlite"
    for bad in ("mysql://x@y/z", "sqlite://", "nonsense", "postgresql://u:pw@h/d"):
        with pytest.raises(SyncError) as err:
            parse_store_url(bad)
        assert "pw@" not in err.value.message()


def test_store_url_keeps_libpq_parameters_and_refuses_secret_ones() -> None:
    url = parse_store_url("postgresql://stab@db/board?sslmode=verify-full&sslrootcert=/etc/ca.crt")
    assert url.url.query == {"sslmode": "verify-full", "sslrootcert": "/etc/ca.crt"}
    assert "sslmode=verify-full" in url.display  # the keyring entry is named by the whole URL
    for bad in (
        "postgresql://u@h/d?sslmode=require&password=hemligt",
        "postgresql://u@h/d?sslpassword=hemligt",
    ):
        with pytest.raises(SyncError) as err:
            parse_store_url(bad)
        assert err.value.key == "store_url_has_password"
        assert "hemligt" not in err.value.message()


def test_scrub_removes_passwords() -> None:
    text = "failed: password=hemligt host=x; url postgresql://u:hemligt@h/d; raw hemligt"
    cleaned = scrub(text, ["hemligt"])
    assert "hemligt" not in cleaned and "***" in cleaned


def test_classify_gives_actionable_keys() -> None:
    err = classify(OSError('connection to server at "h" failed: Connection refused'), "s")
    assert err.key == "store_unreachable"
    err = classify(OSError('password authentication failed for user "u"'), "s")
    assert err.key == "store_auth_failed"
    err = classify(OSError("surprise with password=topsecret"), "s", ["topsecret"])
    assert "topsecret" not in err.message() and err.key == "store_error"


def test_health_colours() -> None:
    now = datetime(2026, 1, 1, 12, tzinfo=UTC)
    status = SyncStatus(store="sqlite:///x", interval_s=15, last_success_at=now)
    assert status.health(now) is Health.OK
    assert status.health(now + timedelta(seconds=31)) is Health.STALE
    assert status.health(now + timedelta(seconds=76)) is Health.FAILING
    assert SyncStatus(store="x", last_success_at=now, last_error="e").health(now) is Health.FAILING
    assert SyncStatus(store=None).health(now) is Health.NOT_CONFIGURED
