"""Start-up checks for the window programs, made BEFORE Qt is imported or an application created.

Without a usable display, Qt aborts the whole process (SIGABRT) with a misleading message: on
Debian "xcb-cursor0 is needed … Reinstalling the application may fix this problem" when the
libraries actually missing are libxcb-icccm4 and libxcb-keysyms1 (DESIGN §9; ``QT_DEBUG_PLUGINS=1``
shows the truth). ``display_problem`` finds out first, the way Qt would choose its platform:

* ``QT_QPA_PLATFORM`` (a ``;``-separated list) or, on Linux, Wayland before X11 in a Wayland
  session and X11 otherwise; ``offscreen``, ``minimal``, ``vnc``, ``eglfs`` and ``linuxfb`` need no
  display;
* X11 (``xcb``): ``DISPLAY`` is set, every library the xcb plugin needs loads (read from the
  plugin's and Qt's own ELF headers and tried with ``dlopen``, naming every missing one and the
  Debian package that has it), and the X server accepts a connection;
* Wayland: ``WAYLAND_DISPLAY`` names an existing socket and the plugin is there.

It returns ``None`` when the window can open, else one ``Problem`` whose message is a line in the
UI language (Swedish by default). Nothing here imports Qt; on Windows and macOS Qt's platform is
always there.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import struct
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from situation_board.domain.messages import render

NO_DISPLAY_NEEDED = frozenset({"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "minimalegl"})
"""Qt platforms that draw without a desktop session (no check)."""

DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
"""Which Debian/Ubuntu package ships each library Qt's platform plugins need."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Why no window can open here: a message key of ``domain.messages`` and its parameters."""

    key: str
    params: Mapping[str, str] = field(default_factory=dict)

    def message(self, language: str = "sv") -> str:
        """One line in ``language``."""
        return render(self.key, language, **self.params)


Loader = Callable[[str], object]
"""Loads a shared library by name or path (``ctypes.CDLL``), raising ``OSError`` when it cannot."""


def _load(name: str) -> object:
    return ctypes.CDLL(name)


def qt_installed() -> bool:
    """True when PySide6 is there to import (always in a frozen bundle, where ``find_spec``
    does not see it), found without importing it."""
    if getattr(sys, "frozen", False):
        return True
    try:
        return find_spec("PySide6") is not None
    except (ImportError, ValueError):
        return False


def qt_dir() -> Path | None:
    """PySide6's ``Qt`` folder (plugins, lib), found without importing PySide6."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:  # a PyInstaller bundle
        folder = Path(bundle) / "PySide6" / "Qt"
        return folder if folder.is_dir() else None
    try:
        spec = find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


# ---------------------------------------------------------------------- ELF


def needed_libraries(path: Path) -> list[str]:
    """The ``DT_NEEDED`` entries of the ELF shared object ``path`` (64-bit little-endian; ``[]``
    for anything else or an unreadable file)."""
    try:
        data = path.read_bytes()
    except OSError:
        return []
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:  # ELFCLASS64, little-endian
        return []
    try:
        return list(_needed(data))
    except (struct.error, IndexError, ValueError):
        return []


def _needed(data: bytes) -> Iterator[str]:
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads: list[tuple[int, int, int]] = []  # (vaddr, offset, filesz)
    dynamic: tuple[int, int] | None = None
    for i in range(phnum):
        p_type, _flags, p_offset, p_vaddr, _paddr, p_filesz = struct.unpack_from(
            "<IIQQQQ", data, phoff + i * phentsize
        )
        if p_type == 1:  # PT_LOAD
            loads.append((p_vaddr, p_offset, p_filesz))
        elif p_type == 2:  # PT_DYNAMIC
            dynamic = (p_offset, p_filesz)
    if dynamic is None:
        return
    entries: list[tuple[int, int]] = []
    for off in range(dynamic[0], dynamic[0] + dynamic[1], 16):
        tag, value = struct.unpack_from("<qQ", data, off)
        if tag == 0:  # DT_NULL
            break
        entries.append((tag, value))
    strtab_vaddr = next((v for t, v in entries if t == 5), None)  # DT_STRTAB
    if strtab_vaddr is None:
        return
    strtab = next(
        (off + strtab_vaddr - va for va, off, size in loads if va <= strtab_vaddr < va + size),
        None,
    )
    if strtab is None:
        return
    for tag, value in entries:
        if tag == 1:  # DT_NEEDED
            start = strtab + value
            yield data[start : data.index(b"\0", start)].decode("ascii", "replace")


def missing_libraries(plugin: Path, qt_lib: Path, load: Loader = _load) -> list[str]:
    """The libraries the Qt platform ``plugin`` needs, directly or through Qt's own libraries in
    ``qt_lib``, that cannot be loaded (in the order found). Qt's libraries are followed, never
    loaded; every other library is tried with ``load``."""
    missing: list[str] = []
    seen: set[str] = set()
    todo = [plugin]
    while todo:
        for name in needed_libraries(todo.pop()):
            if name in seen:
                continue
            seen.add(name)
            bundled = qt_lib / name
            if name.startswith("libQt6") or name.startswith("libicu") or bundled.exists():
                if bundled.exists():
                    todo.append(bundled)
                continue
            try:
                load(name)
            except OSError:
                missing.append(name)
    return missing


# ---------------------------------------------------------------------- platforms


def _platforms(env: Mapping[str, str]) -> list[str]:
    """The platforms Qt will try, in order (``QT_QPA_PLATFORM``, else by session type)."""
    asked = env.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return [p.split(":", 1)[0].strip() for p in asked.split(";") if p.strip()]
    if env.get("XDG_SESSION_TYPE", "") == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def _xcb_problem(env: Mapping[str, str], qt: Path | None, load: Loader) -> Problem | None:
    display = env.get("DISPLAY", "")
    if not display:
        return Problem("no_display")
    if qt is not None:
        plugin = qt / "plugins" / "platforms" / "libqxcb.so"
        if plugin.exists():
            missing = missing_libraries(plugin, qt / "lib", load)
            if missing:
                packages = sorted({DEBIAN_PACKAGES.get(m, m) for m in missing})
                return Problem(
                    "qt_libraries_missing",
                    {
                        "plugin": "xcb",
                        "libraries": ", ".join(missing),
                        "packages": " ".join(packages),
                    },
                )
    if not _x_server_answers(display, load):
        return Problem("display_unreachable", {"display": display})
    return None


def _x_server_answers(display: str, load: Loader) -> bool:
    """True when the X server at ``display`` accepts a connection (``xcb_connect``); also True
    when libxcb cannot be asked (Qt will then say what is wrong)."""
    try:
        xcb: Any = load("libxcb.so.1")
        connect = xcb.xcb_connect
        has_error = xcb.xcb_connection_has_error
        disconnect = xcb.xcb_disconnect
    except (OSError, AttributeError):
        return True
    connect.restype = ctypes.c_void_p
    connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    has_error.restype = ctypes.c_int
    has_error.argtypes = [ctypes.c_void_p]
    disconnect.restype = None
    disconnect.argtypes = [ctypes.c_void_p]
    conn = connect(display.encode(), None)
    if not conn:
        return False
    try:
        return int(has_error(conn)) == 0
    finally:
        disconnect(conn)


def _wayland_problem(env: Mapping[str, str], qt: Path | None) -> Problem | None:
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return Problem("no_display")
    socket = Path(name) if name.startswith("/") else Path(env.get("XDG_RUNTIME_DIR", "")) / name
    if not socket.exists():
        return Problem("display_unreachable", {"display": name})
    if qt is not None and not (qt / "plugins" / "platforms" / "libqwayland.so").exists():
        plugins = qt / "plugins" / "platforms"
        if plugins.is_dir() and not any(plugins.glob("libqwayland*.so")):
            return Problem("display_unreachable", {"display": name})
    return None


def display_problem(
    env: Mapping[str, str] | None = None,
    *,
    platform: str = sys.platform,
    qt: Path | None = None,
    load: Loader = _load,
) -> Problem | None:
    """Why no window can open in this environment, or ``None`` when it can (see the module).

    ``env`` defaults to the process environment; ``qt`` to PySide6's ``Qt`` folder; ``load`` is
    how a library is tried (tests pass fakes). Never raises.
    """
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return None
    folder = qt if qt is not None else qt_dir()
    first: Problem | None = None
    for name in _platforms(env):
        if name in NO_DISPLAY_NEEDED:
            return None
        if name == "xcb":
            problem = _xcb_problem(env, folder, load)
        elif name.startswith("wayland"):
            problem = _wayland_problem(env, folder)
        else:
            return None  # a platform we do not know: let Qt try
        if problem is None:
            return None
        if first is None or first.key == "no_display":
            first = problem
    return first
