"""Child processes of the window and wall benchmarks (one measurement each, offscreen Qt).

    python -m tests.perf.window_driver MODE [ARGS...]

prints one line ``RESULT {json}``. Modes:

* ``bare-paint`` / ``app-paint DB``: the wall-clock time (``time.time()``) at the first paint of
  a bare ``QMainWindow`` / of the workstation window's level banner, started the way a person
  starts it (``situation_board.main``); the parent subtracts its spawn time.
* ``bare-rss``: a bare ``QMainWindow`` shown for a second: its RSS.
* ``window DB WORDS``: the workstation window on DB: when it answers input (no event-loop stall of
  100 ms or more from then on), its RSS once loaded, then search as you type, one keystroke at a
  time until the first page of matches is painted.
* ``wall DB SECONDS``: the wall on DB with a change every second for SECONDS: RSS samples.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
START = time.time()

from tests.perf.common import peak_rss_mb, rss_mb  # noqa: E402 - after the platform is chosen


def report(data: dict[str, object]) -> None:
    print("RESULT " + json.dumps(data), flush=True)


def _first_paint_of(widget: object) -> None:
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                report({"first_paint": time.time(), "start": START})
                os._exit(0)
            return False

    watch = Watch()
    widget.installEventFilter(watch)  # type: ignore[attr-defined]
    widget._bench_watch = watch  # type: ignore[attr-defined]


def bare_paint() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    label = QLabel("Lägesbild", window)
    window.setCentralWidget(label)
    _first_paint_of(label)
    window.resize(1920, 1080)
    window.show()
    app.exec()


def app_paint(db: str) -> None:
    """The real entry point; the banner's first paint ends the process."""
    from situation_board.ui import main_window

    original = main_window.MainWindow.__init__

    def init(self: main_window.MainWindow, *args: object, **kw: object) -> None:
        original(self, *args, **kw)  # type: ignore[arg-type]
        _first_paint_of(self.banner)

    main_window.MainWindow.__init__ = init  # type: ignore[method-assign]
    from situation_board.main import main

    main(["--db", db, "--user", "Bänkprov"])


def bare_rss() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("Lägesbild"))
    window.resize(1920, 1080)
    window.show()
    QTimer.singleShot(1000, app.quit)
    app.exec()
    report({"rss": rss_mb(), "peak": peak_rss_mb()})


def _context(db: str) -> object:
    from situation_board.app import config
    from situation_board.app.context import AppContext, Options
    from situation_board.domain.entities import Actor

    ctx = AppContext(
        config.Settings(language="sv"), options=Options(db=__import__("pathlib").Path(db))
    )
    ctx.set_actor(Actor("Bänkprov"))
    return ctx


def window(db: str, words: str) -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from situation_board.ui.app import make_app
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController
    from situation_board.ui.main_window import MainWindow

    app = make_app("sv")
    ctx = _context(db)
    controller = BoardController(ctx, ChangeBus())  # type: ignore[arg-type]
    win = MainWindow(controller)
    win.resize(1920, 1080)
    panel = win.journal_panel
    clock = QElapsedTimer()
    stalls: list[tuple[float, float]] = []
    last = [0.0]

    def beat() -> None:
        now = clock.nsecsElapsed() / 1e6
        stalls.append((now, now - last[0] - 10))
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(beat)
    loaded: list[float] = []
    panel.model.loaded.connect(lambda: loaded.append(clock.nsecsElapsed() / 1e6))
    clock.start()
    win.show()
    controller.start()
    heartbeat.start()
    deadline = time.monotonic() + 60
    while (
        not loaded or clock.nsecsElapsed() / 1e6 < loaded[0] + 2000
    ) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    heartbeat.stop()
    interactive = next(
        (at for at, _ in stalls if all(lat < 100 for at2, lat in stalls if at2 >= at)), None
    )
    worst = max((lat for _, lat in stalls), default=0.0)
    rss_loaded = rss_mb()
    timings: list[float] = []
    model = panel.model
    waiter = QEventLoop()  # waits in Qt's event loop (as the window does), not in Python
    model.loaded.connect(waiter.quit)
    for word in words.split(","):
        panel.search.clear()
        _settle(app, model)
        for i in range(1, len(word) + 1):
            start = time.perf_counter()
            QTimer.singleShot(10_000, waiter.quit)
            panel.search.setText(word[:i])  # what a key press does (textChanged → the query)
            waiter.exec()  # until the first page of matches is in the model
            panel.view.viewport().repaint()  # and painted
            timings.append(time.perf_counter() - start)
    controller.ops.wait()
    report(
        {
            "interactive_ms": interactive,
            "first_page_ms": loaded[0] if loaded else None,
            "worst_stall_ms": worst,
            "rss_loaded": rss_loaded,
            "rss": rss_mb(),
            "peak": peak_rss_mb(),
            "search_s": timings,
            "rows": model.rowCount(),
        }
    )
    win.close()
    QApplication.processEvents()


def _settle(app: object, model: object) -> None:
    """Let pending work (the cleared search's page) finish, in Qt's event loop."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(500, loop.quit)
    loop.exec()


def wall(db: str, seconds: str) -> None:
    from PySide6.QtCore import QTimer

    from situation_board.domain.enums import EntryCategory
    from situation_board.ui.app import make_app
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController
    from situation_board.ui.wall.view import WallView

    duration = float(seconds)
    app = make_app("sv")
    ctx = _context(db)
    controller = BoardController(ctx, ChangeBus())  # type: ignore[arg-type]
    view = WallView(controller, screen_height=1080, page_seconds=5)
    view.resize(1920, 1080)
    view.show()
    controller.start()
    samples: list[tuple[float, float]] = []
    step = [0]
    start = time.monotonic()

    def change() -> None:
        i = step[0]
        step[0] += 1
        category = EntryCategory.DECISION if i % 2 else EntryCategory.INFORMATION
        controller.execute(
            lambda s: s.add_entry(f"Ändring {i}: beslut om läget", category=category)
        )

    def sample() -> None:
        elapsed = time.monotonic() - start
        samples.append((elapsed, rss_mb()))
        if elapsed >= duration:
            app.quit()

    ticker, sampler = QTimer(), QTimer()
    ticker.timeout.connect(change)
    sampler.timeout.connect(sample)
    sampler.start(250)
    ticker.start(1000)
    app.exec()
    controller.ops.wait()
    report(
        {"samples": samples, "peak": peak_rss_mb(), "changes": step[0], "refreshes": view.refreshes}
    )


def main() -> None:
    mode, *args = sys.argv[1:]
    {
        "bare-paint": bare_paint,
        "app-paint": app_paint,
        "bare-rss": bare_rss,
        "window": window,
        "wall": wall,
    }[mode](*args)


if __name__ == "__main__":
    main()
