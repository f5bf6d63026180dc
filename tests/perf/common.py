"""What the benchmarks share: the measure record, Swedish journal text, boards built in bulk,
memory readings, a throwaway PostgreSQL, and how a benchmark hands its figures to the runner.

A benchmark module (``bench_*.py``) has ``main(argv) -> list[Measure]``; run as a script it
prints its table; under the runner (``python -m tests.perf``) it runs in its own process and
writes its measures as JSON to the file named by ``SB_BENCH_OUT``.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT_ENV = "SB_BENCH_OUT"
QUICK_ENV = "SB_BENCH_QUICK"  # "1": smaller sizes, for trying a benchmark out (not for the table)


# ---------------------------------------------------------------------- measures


@dataclass(frozen=True, slots=True)
class Measure:
    """One line of the table: ``value`` against a ``baseline`` measured in the same run.

    ``limit`` is the target: for a ratio target the ratio must be ≤ ``limit``; without a
    baseline, ``value`` itself must be ≤ ``limit`` (in ``unit``). ``note`` says what was measured.
    """

    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    limit: float | None = None
    target: str = ""
    note: str = ""
    extra: bool = False  # reported, no target of the issue

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def ok(self) -> bool | None:
        if self.limit is None:
            return None
        measured = self.ratio if self.baseline is not None else self.value
        return measured is not None and measured <= self.limit

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio, "ok": self.ok}


def quick() -> bool:
    return os.environ.get(QUICK_ENV) == "1"


def size(full: int, small: int) -> int:
    """``full`` for the table, ``small`` when trying a benchmark out (``SB_BENCH_QUICK=1``)."""
    return small if quick() else full


def finish(measures: list[Measure]) -> list[Measure]:
    """Hand the measures to the runner (``SB_BENCH_OUT``), else print them."""
    out = os.environ.get(OUT_ENV)
    if out:
        Path(out).write_text(json.dumps([m.as_dict() for m in measures], ensure_ascii=False))
    else:
        print_table(measures)
    return measures


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    if unit == "s" and value < 1:
        return f"{value * 1000:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit in ("", "×"):
        return f"{value:.2f}"
    return f"{value:.1f} {unit}"


def print_table(measures: Sequence[Measure]) -> None:
    rows = [("measure", "value", "baseline (same run)", "ratio", "target", "")]
    for m in measures:
        base = f"{fmt(m.baseline, m.unit)} {m.baseline_name}".strip() if m.baseline else "–"
        ratio = f"{m.ratio:.2f}×" if m.ratio is not None else "–"
        verdict = {True: "OK", False: "MISSED", None: ""}[m.ok]
        rows.append((m.name, fmt(m.value, m.unit), base, ratio, m.target, verdict))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for i, r in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


# ---------------------------------------------------------------------- timing, memory


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_of(runs: int, fn: Callable[[], float]) -> float:
    """The median of ``runs`` calls of ``fn`` (each returns the seconds it measured)."""
    return statistics.median(fn() for _ in range(runs))


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0–100) by linear interpolation."""
    data = sorted(values)
    if not data:
        return float("nan")
    k = (len(data) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def proc_status(field: str, pid: int | str = "self") -> float:
    """A ``/proc/<pid>/status`` memory field (``VmRSS``, ``VmHWM``) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def rss_mb(pid: int | str = "self") -> float:
    return proc_status("VmRSS", pid)


def peak_rss_mb(pid: int | str = "self") -> float:
    return proc_status("VmHWM", pid)


def isolated_env(tmp: Path) -> dict[str, str]:
    """The environment for a program run: its own XDG folders (never the developer's board or
    configuration) and Qt's offscreen platform. Python's bytecode cache is allowed (a shell may
    forbid it with ``PYTHONDONTWRITEBYTECODE``): an installed program has its ``.pyc`` files —
    pip compiles them at install, the bundle ships them —, so a start-up measured without them
    would time the compiler (0.4 s of the window's cold start on this machine)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp / "xdg" / var.lower())
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT)
    return env


# ---------------------------------------------------------------------- Swedish journal text

_WHO = (
    "Länsstyrelsen",
    "SOS Alarm",
    "IT-avdelningen",
    "leverantören",
    "Norrlands universitetssjukhus",
    "Skellefteå lasarett",
    "Lycksele lasarett",
    "regionens kommunikatör",
    "tjänsteman i beredskap",
    "primärvårdens ledning",
    "kommunens socialtjänst",
    "Socialstyrelsen",
    "ambulanssjukvården",
    "förrådet i Umeå",
    "vårdavdelning 7",
)
_WHAT = (
    "utskrivningssystemet",
    "beställningssystemet för förbrukningsmaterial",
    "reservrutinen för utskrivning",
    "läkemedelsförsörjningen",
    "personalläget på akutmottagningen",
    "tillgången på vårdplatser",
    "telefonväxeln",
    "journalsystemet",
    "transporter mellan sjukhusen",
    "patientsäkerheten vid överflyttning",
    "lagret av skyddsutrustning",
    "IMY-anmälan om personuppgiftsincident",
)
_STATE = (
    "fungerar med begränsningar",
    "är ur funktion sedan i morse",
    "återställs enligt leverantörens prognos",
    "fungerar åter, uppföljning pågår",
    "har ingen prognos ännu",
    "kräver manuell hantering på papper",
    "är åtgärdat på två av tre sjukhus",
    "försämrades under natten",
)
_DOING = (
    "Beslut: reservrutin förlängs till nästa stabsorientering.",
    "Åtgärd: förrådet kör extra leveranser med egen bil.",
    "Kontaktperson utsedd, återkommer kl. 15.",
    "Informationen vidarebefordrad till samtliga förvaltningar.",
    "Inga patienter bedöms ha påverkats hittills.",
    "Lägesbild skickad till länsstyrelsen via WIS.",
    "Ny avstämning med leverantören i morgon bitti.",
    "Stabschefen informerad, ingen ytterligare åtgärd nu.",
    "Önskemål om förstärkning av bemanningen på kvällen.",
    "Rutinen för läkemedelsbeställning ändrad tills vidare.",
)
_OPEN = ("Samtal från", "Mejl från", "Rakelsamtal med", "Möte med", "Rapport från", "Uppgift från")


def journal_text(rng: random.Random) -> str:
    """One realistic journal line: who called about what, how it stands, what was done."""
    return (
        f"{rng.choice(_OPEN)} {rng.choice(_WHO)} om {rng.choice(_WHAT)}: "
        f"{rng.choice(_STATE)}. {rng.choice(_DOING)}"
    )


PARTIES = _WHO
SEARCH_WORDS = ("leverantör", "reservrutin", "skellefteå", "länsstyrelsen", "läkemedel", "imy")


# ---------------------------------------------------------------------- boards in bulk

CATEGORIES = ("information",) * 6 + ("contact",) * 3 + ("decision", "action", "significant")
FUNCTIONS = ("log_keeper", "medical_commander", "chief_of_staff", "information_officer")


def _iso_db(when: datetime) -> str:
    return f"{when.astimezone(UTC):%Y-%m-%d %H:%M:%S.%f}"


def build_board(path: Path, entries: int, *, seed: int = 7, stations: int = 6) -> str:
    """A local board at ``path`` with an active event and ``entries`` journal entries written by
    ``stations`` stations over a long event (as if synced), inserted in bulk. Returns the event
    id. The program's own migrations create the schema (indexes, triggers, search index)."""
    from situation_board.domain.entities import Actor
    from situation_board.domain.ids import uuid7
    from situation_board.services import BoardService
    from situation_board.store.database import LocalStore

    store = LocalStore.open(path, station="V1")
    svc = BoardService(store, Actor("Bänkprov"))
    start = datetime.now(UTC) - timedelta(seconds=entries * 3 + 3600)
    event = svc.start_event("Prestandaprov: IT-avbrott hos leverantör", started_at=start).value
    store.close()
    rng = random.Random(seed)
    sites = [uuid7() for _ in range(stations)]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    trigger = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'journal_search_insert'"
    ).fetchone()[0]
    conn.execute("DROP TRIGGER journal_search_insert")  # one index build at the end instead
    conn.execute("BEGIN")
    counters = [0] * stations
    rows = []
    for i in range(entries):
        s = i % stations
        counters[s] += 1
        when = start + timedelta(seconds=i * 3 + rng.random())
        recorded = when + timedelta(seconds=rng.choice((0, 0, 0, 40, 300)))
        medium = rng.choice((None, None, "phone", "rakel", "email", "meeting"))
        rows.append(
            (
                uuid7(),
                event.id,
                f"S{s + 1}-{counters[s]:04d}",
                _iso_db(when),
                _iso_db(recorded),
                f"Loggist {s + 1}",
                rng.choice(FUNCTIONS),
                rng.choice(CATEGORIES),
                medium,
                rng.choice(PARTIES) if medium else "",
                "RSSL" if medium else "",
                journal_text(rng),
                None,
                0,
                sites[s],
                f"{int(when.timestamp() * 1000):012x}0000/{sites[s]}",
            )
        )
        if len(rows) == 20_000:
            _insert_journal(conn, rows)
            rows.clear()
    _insert_journal(conn, rows)
    conn.execute("INSERT INTO journal_search(journal_search) VALUES ('rebuild')")
    conn.execute(trigger)
    conn.execute("COMMIT")
    conn.close()
    return event.id


def _insert_journal(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    conn.executemany(
        "INSERT INTO journal (id, event_id, number, occurred_at, recorded_at, author, function,"
        " category, medium, from_party, to_party, text, corrects, hidden_from_wall, site_id,"
        " stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def cached_board(entries: int, cache: Path) -> Path:
    """A board of ``entries`` entries in ``cache``, built the first time (a 1,000,000-entry
    board takes minutes) and reused while the local schema stays the same."""
    from situation_board.store.database import HEAD_REVISION

    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"board-{entries}-{HEAD_REVISION}.db"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for stale in (partial, partial.with_name(partial.name + "-wal")):
            stale.unlink(missing_ok=True)
        build_board(partial, entries)
        with contextlib.closing(sqlite3.connect(partial)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        partial.rename(path)
    return path


def copy_board(source: Path, target: Path) -> Path:
    """A copy of a closed board (the WAL checkpointed into it first)."""
    with contextlib.closing(sqlite3.connect(source)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())
    return target


# ---------------------------------------------------------------------- PostgreSQL


@contextlib.contextmanager
def postgres(*, durable: bool = True) -> Iterator[Any]:
    """A throwaway PostgreSQL cluster (``tests.pg.PgCluster``), durable (fsync, synchronous
    commit) as a production server is; None without server binaries."""
    from tests.pg import PgCluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        yield None
        return
    cluster = PgCluster(bindir, durable=durable)
    try:
        yield cluster
    finally:
        cluster.destroy()
