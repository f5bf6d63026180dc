"""A throwaway PostgreSQL cluster for tests and benchmarks (DESIGN §8).

``initdb`` + ``pg_ctl`` from the installed server binaries, in a temp folder, on a free port, with
its unix socket in that folder. ``initdb`` refuses to run as root, so as root the binaries run as
the ``postgres`` user (``runuser``) and the folder is handed to it. Local connections are trusted,
except for the role ``sb_secret``, which must give its password (scram-sha-256): the password tests
use it.

Failover (issue 14): ``PgCluster.standby_of(primary)`` makes a streaming-replication hot standby
with ``pg_basebackup -R`` (asynchronous, as a region would run it); ``detach()`` stops its WAL
receiver, so the primary goes on acknowledging commits the standby never gets; ``kill()`` is a
crash (SIGKILL to the server's whole process group); ``promote()`` makes the standby the primary.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

SECRET_ROLE = "sb_secret"
SECRET_PASSWORD = "kanariefågel-7f3e-Öst"  # a canary: it must never show up in logs or errors


def find_bindir() -> Path | None:
    """The newest installed server's bin folder, or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_version)
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _version(path: Path) -> float:
    try:
        return float(path.parts[-3])
    except ValueError:
        return 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def reserve() -> tuple[Path, int]:
    """A folder and a port for a cluster made later (a multi-host URL can name it before it
    exists: libpq skips a host whose socket is not there yet)."""
    return Path(tempfile.mkdtemp(prefix="sb-pg-")), free_port()


class PgCluster:
    """One cluster: ``start``, ``stop``, ``create_db``, URLs for SQLAlchemy and psycopg."""

    def __init__(
        self,
        bindir: Path,
        *,
        durable: bool = False,
        standby_of: PgCluster | None = None,
        place: tuple[Path, int] | None = None,
    ) -> None:
        """``durable``: fsync and synchronous commits as a production server has them (the
        benchmarks); the tests run without (faster, and a crash of a throwaway cluster costs
        nothing). ``standby_of``: a streaming hot standby of that primary (failover tests);
        ``place``: folder and port from ``reserve``."""
        self.bindir = bindir
        self.root, self.port = place or reserve()  # folder (and socket) and port
        self.data = self.root / "data"
        self.as_root = os.geteuid() == 0
        self._dbs = 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self.root.chmod(0o755)
        if standby_of is not None:
            self._clone(standby_of)
            return
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--auth-local=trust",
            "--auth-host=trust",
        )
        hba = (
            f"local all {SECRET_ROLE} scram-sha-256\n"
            f"host all {SECRET_ROLE} 127.0.0.1/32 scram-sha-256\n"
            "local all all trust\n"
            "host all all 127.0.0.1/32 trust\n"
            "local replication all trust\n"
        )
        self._write(self.data / "pg_hba.conf", hba)
        conf = (
            f"port = {self.port}\n"
            f"unix_socket_directories = '{self.root}'\n"
            "listen_addresses = '127.0.0.1'\n"
            + (
                "fsync = on\nsynchronous_commit = on\n"
                if durable
                else "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
            + "max_connections = 100\nshared_buffers = 64MB\n"
            "password_encryption = 'scram-sha-256'\n"
            "log_min_messages = warning\n"
        )
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as f:
            f.write(conf)
        self.start()
        with self.admin() as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(SECRET_ROLE), sql.Literal(SECRET_PASSWORD)
                )
            )

    @classmethod
    def standby_of(cls, primary: PgCluster, place: tuple[Path, int] | None = None) -> PgCluster:
        """A hot standby streaming from ``primary`` (asynchronously), started; ``place`` from
        ``reserve``."""
        return cls(primary.bindir, standby_of=primary, place=place)

    def _clone(self, primary: PgCluster) -> None:
        self._run(
            "pg_basebackup",
            "-D",
            str(self.data),
            "-h",
            str(primary.root),
            "-p",
            str(primary.port),
            "-U",
            "postgres",
            "-R",  # standby.signal and primary_conninfo
            "-X",
            "stream",
            "-c",
            "fast",
        )
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as f:
            f.write(  # the later lines win over the primary's copied ones
                f"port = {self.port}\nunix_socket_directories = '{self.root}'\n"
                "hot_standby = on\nwal_receiver_status_interval = 1\n"
            )
        self.start()

    # ------------------------------------------------------------------ process

    def _cmd(self, tool: str, *args: str) -> list[str]:
        cmd = [str(self.bindir / tool), *args]
        return ["runuser", "-u", "postgres", "--", *cmd] if self.as_root else cmd

    def _run(self, tool: str, *args: str) -> None:
        proc = subprocess.run(
            self._cmd(tool, *args),
            capture_output=True,
            text=True,
            check=False,
            cwd=self.root,
            timeout=120,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"{tool} failed: {proc.stdout}\n{proc.stderr}")

    @staticmethod
    def _write(path: Path, content: str) -> None:
        path.write_text(content, encoding="utf-8")  # root may; the file stays postgres's

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().splitlines()[0])
        except (OSError, ValueError, IndexError):
            return None

    def kill(self) -> None:
        """A crash: SIGKILL to the server and every backend at once (its process group), no
        shutdown checkpoint, nothing more sent to a standby; waits until they are gone."""
        pid = self.postmaster_pid()
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(os.getpgid(pid), signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        (self.data / "postmaster.pid").unlink(missing_ok=True)

    def detach(self) -> None:
        """(A standby) stop receiving WAL: from now on the primary acknowledges commits this
        standby will never have (asynchronous replication's window, made wide on purpose)."""
        with self.admin() as conn:
            conn.execute("ALTER SYSTEM SET primary_conninfo = ''")
            conn.execute("SELECT pg_reload_conf()")
            deadline = time.monotonic() + 30
            while conn.execute("SELECT count(*) FROM pg_stat_wal_receiver").fetchone() != (0,):
                if time.monotonic() > deadline:
                    raise RuntimeError("the WAL receiver did not stop")
                time.sleep(0.05)

    def promote(self) -> None:
        """(A standby) become the primary (a new timeline)."""
        self._run("pg_ctl", "-D", str(self.data), "-w", "-t", "60", "promote")

    def is_primary(self) -> bool:
        with self.admin() as conn:
            row = conn.execute("SELECT pg_is_in_recovery()").fetchone()
        return row is not None and not row[0]

    def destroy(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    # ------------------------------------------------------------------ databases

    def conninfo(self, dbname: str = "postgres", user: str = "postgres") -> str:
        return f"host={self.root} port={self.port} dbname={dbname} user={user}"

    def admin(self, dbname: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.conninfo(dbname), autocommit=True)

    def create_db(self, owner: str = "postgres", template: str | None = None) -> str:
        """A new database (``template``: a copy of that one, which nobody may be connected to)."""
        self._dbs += 1
        name = f"store_{os.getpid()}_{self._dbs}"
        with self.admin() as conn:
            stmt = sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(name), sql.Identifier(owner)
            )
            if template:
                stmt += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
            conn.execute(stmt)
        return name

    def url(self, dbname: str, user: str = "postgres") -> str:
        """A SQLAlchemy URL over the unix socket (no password in it)."""
        return f"postgresql+psycopg://{user}@/{dbname}?host={self.root}&port={self.port}"

    def tcp_url(self, dbname: str, user: str = "postgres") -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{dbname}"
