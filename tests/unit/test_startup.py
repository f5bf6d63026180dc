"""Start-up checks made before Qt is loaded (app.startup): which platform Qt would use, whether a
display is there, and which of the xcb plugin's libraries are missing — named, with packages."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from situation_board.app import startup
from situation_board.cli import opens_window

QT = startup.qt_dir()
XCB = QT / "plugins" / "platforms" / "libqxcb.so" if QT else None
needs_xcb_plugin = pytest.mark.skipif(
    XCB is None or not XCB.exists(), reason="PySide6's xcb plugin is not installed"
)


def _loads_all(name: str) -> object:
    return object()


def test_no_display_at_all() -> None:
    problem = startup.display_problem({}, platform="linux", load=_loads_all)
    assert problem is not None and problem.key == "no_display"
    assert problem.message("sv").startswith("Det finns ingen skärm att öppna fönstret på")
    assert "\n" not in problem.message("sv")


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "vnc:size=800x600", "eglfs"])
def test_platforms_without_a_display_need_none(platform: str) -> None:
    env = {"QT_QPA_PLATFORM": platform}
    assert startup.display_problem(env, platform="linux", load=_loads_all) is None


def test_windows_and_macos_always_have_their_platform() -> None:
    assert startup.display_problem({}, platform="win32") is None
    assert startup.display_problem({}, platform="darwin") is None


@needs_xcb_plugin
def test_missing_xcb_libraries_are_named_with_their_packages() -> None:
    def load(name: str) -> object:
        if name in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"):
            raise OSError(f"{name}: cannot open shared object file")
        return object()

    problem = startup.display_problem({"DISPLAY": ":0"}, platform="linux", load=load)
    assert problem is not None and problem.key == "qt_libraries_missing"
    text = problem.message("sv")
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert text.endswith("sudo apt install libxcb-icccm4 libxcb-keysyms1")
    assert "cursor" not in text  # not Qt's misleading xcb-cursor0


@needs_xcb_plugin
def test_the_xcb_plugin_needs_what_design_names() -> None:
    assert XCB is not None and QT is not None
    needed = startup.needed_libraries(XCB)
    assert "libQt6XcbQpa.so.6" in needed
    seen: list[str] = []

    def load(name: str) -> object:
        seen.append(name)
        return object()

    assert startup.missing_libraries(XCB, QT / "lib", load) == []
    assert {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"} <= set(seen)
    assert not [n for n in seen if n.startswith("libQt6")]  # Qt's own are followed, not loaded


def test_an_unreachable_x_server(tmp_path: Path) -> None:
    def connect(display: bytes, screen: object) -> int:
        return 1234

    def has_error(conn: int) -> int:
        return 2  # XCB_CONN_ERROR: the server refused or is not there

    def disconnect(conn: int) -> None:
        return None

    xcb = SimpleNamespace(
        xcb_connect=connect, xcb_connection_has_error=has_error, xcb_disconnect=disconnect
    )

    def load(name: str) -> object:
        return xcb if name == "libxcb.so.1" else object()

    env = {"DISPLAY": ":42"}
    problem = startup.display_problem(env, platform="linux", qt=tmp_path, load=load)
    assert problem is not None and problem.key == "display_unreachable"
    assert ":42" in problem.message("sv")


def test_wayland_socket(tmp_path: Path) -> None:
    env = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    missing = startup.display_problem(env, platform="linux", qt=tmp_path, load=_loads_all)
    assert missing is not None  # neither the socket nor an X display
    (tmp_path / "wayland-0").touch()
    assert startup.display_problem(env, platform="linux", qt=tmp_path, load=_loads_all) is None


def test_not_an_elf_file(tmp_path: Path) -> None:
    bogus = tmp_path / "libqxcb.so"
    bogus.write_text("not a library")
    assert startup.needed_libraries(bogus) == []
    assert startup.needed_libraries(tmp_path / "absent.so") == []


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        ([], True),
        (["--db", "x.db"], True),
        (["wall", "--windowed"], True),
        (["--config", "c.toml", "demo"], True),
        (["demo", "--no-gui"], False),
        (["show", "--json"], False),
        (["--help"], False),
        (["log", "add", "wall"], False),
    ],
)
def test_which_commands_open_a_window(argv: list[str], window: bool) -> None:
    assert opens_window(argv) is window
