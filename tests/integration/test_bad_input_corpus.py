"""The bad-input corpus (``tests/data/bad_input.toml``, issue 14): every case through the command
line and through the services.

For each case: the exit status, the one line on stderr (never a traceback), and — for refused
input — that ``show --json`` minus ``sync`` is unchanged; for accepted input, the fields it names.
Arguments whose bytes matter run in a real process, with the bytes exactly as a shell passes
them. The machine's own faults are arranged for real: a 2 MB tmpfs filled up (as root; elsewhere
``RLIMIT_FSIZE`` makes the file system refuse to grow the database), a read-only file, a tmpfs
remounted read-only, a folder without permission (as root, the command runs in a child process
that has dropped to ``nobody``: root ignores file modes), and a lock held past the busy timeout.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from situation_board.app import logs
from situation_board.domain.clock import fixed_clock
from situation_board.domain.entities import Actor
from situation_board.domain.enums import ReadinessLevel, StaffFunction, SystemStatus
from situation_board.domain.errors import BoardError
from situation_board.domain.patches import ActionPatch
from situation_board.domain.rules import parse_prognosis
from situation_board.domain.timeutil import parse_instant
from situation_board.services import BoardService
from situation_board.store import database
from situation_board.store.database import LocalStore
from tests.conftest import ROOT, cli

CORPUS = ROOT / "tests" / "data" / "bad_input.toml"
NOW = "2024-10-28T12:00:00+01:00"
CASES: list[dict[str, Any]] = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]
IS_ROOT = os.geteuid() == 0
NOBODY = 65534


def raw(text: str) -> bytes:
    """A corpus string as bytes: ``\\xNN`` escapes are raw bytes, the rest is UTF-8."""
    return codecs.escape_decode(text.encode("utf-8"))[0]  # type: ignore[no-any-return]


def as_arg(text: str) -> str:
    """A corpus string as Python hands a program its argument (undecodable bytes as lone
    surrogates, PEP 383)."""
    return os.fsdecode(raw(text))


def board_json(db: Path) -> dict[str, Any]:
    proc = cli("show", "--json", "--db", str(db), now=NOW, check=True)
    data: dict[str, Any] = json.loads(proc.stdout)
    data.pop("sync")
    return data


def lookup(data: Any, path: str) -> Any:
    """``journal.-1.text``; ``journal.?text=Hej.number`` picks the item whose field matches."""
    for part in path.split("."):
        if part.startswith("?"):
            key, _, value = part[1:].partition("=")
            data = next(item for item in data if item[key] == value)
        else:
            data = data[int(part)] if isinstance(data, list) else data[part]
    return data


# ---------------------------------------------------------------------- the base board


@pytest.fixture(scope="module")
def base_board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "base.db"
    for args in (
        ("event", "new", "Korpusprov", "--started", "2024-10-20T08:00"),
        ("system", "add", "Journalsystem", "--status", "down"),
        ("action", "add", "Ring leverantören", "--owner", "Stabschef"),
    ):
        cli(*args, "--db", str(db), "--station", "V1", now=NOW, check=True)
    with contextlib.closing(sqlite3.connect(db)) as conn:  # one file: copies carry everything
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


# ---------------------------------------------------------------------- running a command


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    log: str = ""


@dataclass
class Env:
    """Where a case runs: the board, an isolated log folder, and how the command is started."""

    db: Path
    state: Path
    as_nobody: bool = False
    preexec: Callable[[], None] | None = None
    restore: Callable[[], None] | None = None  # undo the fault before reading the board back

    def log_text(self) -> str:
        found = list(self.state.rglob("*.log"))
        return "".join(p.read_text(encoding="utf-8", errors="replace") for p in found)


def run_process(env: Env, argv: list[bytes]) -> Run:
    """The real program in its own process, argv bytes as given."""
    full_env = {**os.environ, "XDG_STATE_HOME": str(env.state)}
    if env.as_nobody:
        return run_forked_as_nobody(env, [os.fsdecode(a) for a in argv])
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"situation_board", *argv],
        capture_output=True,
        env=full_env,
        cwd=ROOT,
        timeout=120,
        check=False,
        preexec_fn=env.preexec,
    )
    return Run(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
        env.log_text(),
    )


def run_forked_as_nobody(env: Env, argv: list[str]) -> Run:
    """As root, file modes do not apply: run the command in a forked child that has become
    ``nobody`` (the interpreter lives under /root, which ``nobody`` may not execute again)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        return _fork_as_nobody(env, argv, out, err)


def _fork_as_nobody(env: Env, argv: list[str], out: Any, err: Any) -> Run:
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            os.environ["XDG_STATE_HOME"] = str(env.state)
            os.environ["XDG_CONFIG_HOME"] = str(env.state / "config")
            import logging

            for handler in list(logging.getLogger().handlers):
                logging.getLogger().removeHandler(handler)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            from situation_board.cli import main

            code = main(argv, clock=fixed_clock(datetime.fromisoformat(NOW)))
        except BaseException:
            import traceback

            traceback.print_exc()  # shows up in the test's assertion, not lost
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    out.seek(0)
    err.seek(0)
    return Run(
        os.waitstatus_to_exitcode(status),
        out.read().decode("utf-8", "replace"),
        err.read().decode("utf-8", "replace"),
        env.log_text(),
    )


def run_in_process(env: Env, argv: list[bytes]) -> Run:
    proc = cli(*[os.fsdecode(a) for a in argv], now=NOW)
    return Run(proc.returncode, proc.stdout, proc.stderr, _session_log())


def _session_log() -> str:
    path = logs.log_path()
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


# ---------------------------------------------------------------------- faults


def _mount_tmpfs(target: Path, size: str) -> bool:
    if not IS_ROOT or shutil.which("mount") is None:
        return False
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)],
        capture_output=True,
        check=False,
    )
    return proc.returncode == 0


def _remount_rw(target: Path) -> None:
    subprocess.run(["mount", "-o", "remount,rw", str(target)], check=True)


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


def _fill(folder: Path, leave: int) -> None:
    """Fill the file system under ``folder`` until ``leave`` bytes are free."""
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize
    with (folder / "filler").open("wb") as f:
        f.write(b"\0" * max(0, free - leave))


@contextlib.contextmanager
def arranged(setup: str | None, base: Path, tmp: Path) -> Iterator[Env]:
    """The board of a case, with its fault arranged (and undone afterwards)."""
    own: Path | None = None
    if IS_ROOT and setup in ("read_only_file", "permission_denied"):
        own = tmp = Path(tempfile.mkdtemp(prefix="sb-corpus-"))  # pytest's is 0700: nobody
        tmp.chmod(0o755)  # must reach the board (and then be refused by its mode)
    state = tmp / "state"
    state.mkdir(mode=0o777)
    state.chmod(0o777)  # the nobody child writes its log here
    folder = tmp / "board"
    folder.mkdir()
    env = Env(db=folder / "board.db", state=state)
    mounted = False
    try:
        if setup in ("disk_full", "read_only_disk"):
            mounted = _mount_tmpfs(folder, "2m")
            if not mounted and setup == "read_only_disk":
                pytest.skip("a read-only disk needs a tmpfs mount (root)")
        shutil.copy(base, env.db)
        if setup == "disk_full":
            if mounted:
                _fill(folder, leave=40 * 1024)
            else:  # not root: the file system refuses to grow any file past its limit
                limit = env.db.stat().st_size + 64 * 1024

                def limit_files() -> None:
                    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

                env.preexec = limit_files
        elif setup == "read_only_disk":
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            env.restore = lambda: _remount_rw(folder)
        elif setup == "read_only_file":
            env.db.chmod(0o444)
            env.as_nobody = IS_ROOT
            if IS_ROOT:
                folder.chmod(0o777)
        elif setup == "permission_denied":
            env.db.chmod(0o600 if IS_ROOT else 0o000)  # root's file: nobody may not open it
            env.as_nobody = IS_ROOT
        yield env
    finally:
        if mounted:
            _umount(folder)
        with contextlib.suppress(OSError):
            env.db.chmod(0o644)
        if own is not None:
            shutil.rmtree(own, ignore_errors=True)


@contextlib.contextmanager
def lock_held(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another program holds the write lock for longer than the (shortened) busy timeout."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


# ---------------------------------------------------------------------- the CLI face


def _ids(cases: list[dict[str, Any]], *, face: str) -> list[Any]:
    key = "argv" if face == "cli" else "service"
    return [pytest.param(c, id=c["id"]) for c in cases if key in c]


@pytest.mark.parametrize("case", _ids(CASES, face="cli"))
def test_cli(
    case: dict[str, Any], base_board: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = case.get("setup")
    with arranged(setup, base_board, tmp_path) as env:
        for extra in case.get("setup_argv", []):
            cli(*[as_arg(a) for a in extra], "--db", str(env.db), now=NOW, check=True)
        before = board_json(env.db) if env.restore is None else None
        argv = [raw(a) for a in case["argv"]] + [b"--db", os.fsencode(env.db)]
        if setup == "disk_full":
            run = _until_the_disk_is_full(env, argv, before)
            before = run.board_before
        elif setup == "locked":
            with lock_held(env.db, monkeypatch):
                run = run_in_process(env, argv)
        elif case.get("process") or setup:
            run = run_process(env, argv)
        else:
            run = run_in_process(env, argv)
        if env.restore is not None:  # a read-only disk: not even readable (WAL needs -shm)
            env.restore()
            before = board_json(base_board)
        after = board_json(env.db)
    assert run.code == case["exit"], (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr, run.stderr
    if case["exit"] == 2:
        assert run.stderr.count("\n") == 1, run.stderr  # one line
        assert run.stderr.startswith("situation-board: ")
        assert run.stdout == ""
    if "stderr" in case:
        assert case["stderr"] in run.stderr, run.stderr
    if "stderr_also" in case:
        assert case["stderr_also"] in run.stderr, run.stderr
    if "not_stderr" in case:
        assert case["not_stderr"] not in run.stderr, run.stderr
    if "stdout" in case:
        assert case["stdout"] in run.stdout, run.stdout
    if "log" in case:  # the traceback went to the log file, and only there
        assert "Traceback" in run.log and case["log"] in run.log, run.log[-2000:]
    if "log_line" in case:
        assert case["log_line"] in run.log, run.log[-2000:]
    if case.get("changes"):
        assert after != before
        for path, expected in case.get("json", []):
            assert lookup(after, path) == expected, path
    else:
        assert after == before, "a refused command changed the board"
    _no_raw_control_bytes(run.stdout + run.stderr)


@dataclass
class FullRun(Run):
    board_before: dict[str, Any] = field(default_factory=dict)


def _until_the_disk_is_full(env: Env, argv: list[bytes], before: dict[str, Any]) -> FullRun:
    """Repeat the write until the disk is full (as a person would): the run that fails must say
    so in one line and leave the board as the last successful run left it."""
    for _ in range(200):
        run = run_process(env, argv)
        if run.code != 0:
            return FullRun(run.code, run.stdout, run.stderr, run.log, board_before=before)
        before = board_json(env.db)
    raise AssertionError("the disk never filled up")


def _no_raw_control_bytes(text: str) -> None:
    bad = [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
    assert not bad, f"raw control characters in the output: {bad!r}"


# ---------------------------------------------------------------------- the service face


def _call(svc: BoardService, spec: dict[str, Any]) -> None:
    kw = {k: as_arg(v) if isinstance(v, str) else v for k, v in spec.items() if k != "call"}
    now = svc.now()
    match spec["call"]:
        case "add_entry":
            svc.add_entry(kw.pop("text"), **kw)
        case "add_system":
            svc.add_system(kw["name"], status=SystemStatus(kw["status"]))
        case "add_action":
            svc.add_action(kw["title"], ActionPatch(owner=kw.get("owner")))
        case "set_level":
            svc.set_level(ReadinessLevel(kw["level"]), reason=kw["reason"])
        case "close_event":
            svc.close_event(kw["reason"])
        case "parse_instant":
            parse_instant(kw["text"], now, "time")
        case "parse_prognosis":
            parse_prognosis(kw["text"], now)
        case other:
            raise AssertionError(f"unknown service call {other}")


@pytest.mark.parametrize("case", _ids(CASES, face="service"))
def test_services(
    case: dict[str, Any], base_board: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = case.get("setup")
    if setup == "disk_full" and not IS_ROOT:
        pytest.skip("disk full in-process needs a tmpfs mount (root)")
    with arranged(setup, base_board, tmp_path) as env:
        for extra in case.get("setup_argv", []):
            cli(*[as_arg(a) for a in extra], "--db", str(env.db), now=NOW, check=True)
        before = board_json(env.db)
        clock = fixed_clock(datetime.fromisoformat(NOW))
        if setup == "locked":  # before the store's connections are made
            monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
        store = LocalStore.open(env.db, clock=clock)
        svc = BoardService(store, Actor("Loggist", StaffFunction.LOG_KEEPER), clock=clock)
        try:
            raised: BoardError | None = None
            try:
                if setup == "locked":
                    with lock_held(env.db, monkeypatch):
                        _call(svc, case["service"])
                elif setup == "disk_full":
                    for _ in range(200):  # until the disk is full
                        _call(svc, case["service"])
                        before = board_json(env.db)
                else:
                    _call(svc, case["service"])
            except BoardError as exc:
                raised = exc
        finally:
            store.close()
        after = board_json(env.db)
    if "key" in case:
        assert raised is not None and raised.key == case["key"], raised
        assert "\n" not in raised.message("sv")
        assert after == before
    else:
        assert raised is None, raised
