"""The log: a rotating file in the platform's log directory, secrets masked, crashes recorded."""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from situation_board.app import config, logs


@pytest.fixture
def clean_root():
    root = logging.getLogger()
    before = list(root.handlers), root.level
    yield root
    for h in root.handlers:
        if h not in before[0]:
            root.removeHandler(h)
            h.close()
    root.setLevel(before[1])


def test_redact_masks_url_passwords_and_registered_secrets() -> None:
    logs.register_secret("kanari-9f3")
    text = logs.redact("connect postgresql+psycopg://stab:kanari-9f3@db/x failed: kanari-9f3")
    assert "kanari-9f3" not in text
    assert "postgresql+psycopg://stab:***@db/x" in text


def test_file_handler_level_and_masking(clean_root, tmp_path) -> None:
    path = logs.setup(config.Settings(log_level="DEBUG"))
    assert path == logs.log_path() and path.parent.is_dir()
    logs.register_secret("hemligt-lösen")
    logging.getLogger("situation_board.test").debug("pw=hemligt-lösen url=sqlite:///x")
    for h in clean_root.handlers:
        h.flush()
    text = path.read_text(encoding="utf-8")
    assert "pw=***" in text and "hemligt-lösen" not in text
    logs.setup(config.Settings())  # a second call adds no second file handler
    files = [h for h in clean_root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(files) == 1 and files[0].maxBytes == logs.MAX_BYTES


def test_excepthook_logs_and_tells_the_user(clean_root, monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    path = logs.setup(config.Settings())
    shown: list[str] = []
    logs.install_excepthook(shown.append, "sv")
    try:
        raise ZeroDivisionError("prov")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    worker = threading.Thread(target=lambda: 1 / 0, name="prov-tråd")
    worker.start()
    worker.join()
    for h in clean_root.handlers:
        h.flush()
    text = path.read_text(encoding="utf-8")
    assert text.count("unhandled exception") >= 2 and "ZeroDivisionError: prov" in text
    assert "prov-tråd" in text
    assert len(shown) == 2 and "oväntat fel" in shown[0] and str(path) in shown[0]
