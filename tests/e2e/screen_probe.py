"""Open the workstation on the demo board (as of 16:00 on 29 January 2024, a reminder showing)
on a screen of a given size, save a picture and print what a person can see, as JSON.

    python -m tests.e2e.screen_probe WIDTH HEIGHT OUT.png [--maximize] [--root ROOT.png]

``WIDTH``×``HEIGHT`` are physical pixels: with ``QT_SCALE_FACTOR=1.25`` the window gets
1/1.25 of them in logical pixels, as on a screen at 125 %. ``--maximize`` shows the window
maximized on the real (Xvfb) screen instead of resizing it (offscreen); ``--root`` saves the
X screen's picture too (``import -window root``)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path


def main(argv: list[str]) -> int:
    width, height, out = int(argv[0]), int(argv[1]), Path(argv[2])
    maximize = "--maximize" in argv
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from situation_board.app import config
    from situation_board.app.context import AppContext, Options
    from situation_board.domain.clock import fixed_clock
    from situation_board.domain.entities import Actor
    from situation_board.domain.enums import StaffFunction
    from situation_board.services.demo import build_demo
    from situation_board.ui.app import make_app
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController
    from situation_board.ui.main_window import MainWindow
    from tests.conftest import DEMO_AS_OF
    from tests.gui.layoutcheck import report

    app = make_app("sv")
    now = datetime.fromisoformat(DEMO_AS_OF)
    folder = Path(tempfile.mkdtemp(prefix="sb-screen-"))
    ctx = AppContext(
        config.Settings(language="sv"),
        options=Options(db=folder / "board.db", config=folder / "config.toml"),
        clock=fixed_clock(now),
    )
    ctx.set_actor(Actor("Loggist Test", StaffFunction.LOG_KEEPER))
    build_demo(ctx.store(), now=now, as_of=now)
    controller = BoardController(ctx, ChangeBus())
    window = MainWindow(controller)
    window.reminders.notifier._backend = "none"  # no desktop here: the window shows them
    if maximize:  # as run_workstation does on a first start (no window manager under Xvfb)
        window.setGeometry(app.primaryScreen().availableGeometry())
        window.showMaximized()
    else:
        scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
        window.resize(round(width / scale), round(height / scale))
        window.show()
    controller.start()

    def wait(condition, seconds: float = 20.0) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return True
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        return False

    loaded = wait(
        lambda: (
            controller.ops.pending == 0
            and window.journal_panel.model.rowCount() > 0
            and window.reminder_bar.isVisible()
        )
    )
    for _ in range(5):  # the layout passes the last load asked for, before the picture
        QApplication.sendPostedEvents()
        app.processEvents()
    facts = report(window)
    facts["loaded"] = loaded
    facts["reminder"] = window.reminder_bar.text.text()
    facts["scale"] = window.devicePixelRatio()
    window.grab().save(str(out))
    if "--root" in argv:  # the X screen's own picture, taken while the window is up
        import subprocess

        root = argv[argv.index("--root") + 1]
        subprocess.run(["import", "-window", "root", root], check=True, timeout=30)
    print(json.dumps(facts, ensure_ascii=False))
    controller.ops.wait()
    ctx.close()
    QApplication.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
