"""Where the program's resources (``resources/`` in the source tree) are found at run time.

Looked up in order: ``$SITUATION_BOARD_RESOURCES``; the PyInstaller bundle (``sys._MEIPASS``);
the source tree beside the package (editable installs, tests); the data files a wheel installs
(``<prefix>/share/situation-board/resources``, also under the user base for ``pip --user``).
"""

from __future__ import annotations

import os
import site
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The directory holding ``demo/``, ``i18n/``, ``icons/``, ``styles/`` and ``templates/``."""
    env = os.environ.get("SITUATION_BOARD_RESOURCES")
    candidates = [Path(env)] if env else []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    source_tree = Path(__file__).resolve().parent.parent / "resources"
    candidates.append(source_tree)
    for prefix in (sys.prefix, site.getuserbase()):
        candidates.append(Path(prefix) / "share" / "situation-board" / "resources")
    for path in candidates:
        if path.is_dir():
            return path
    return source_tree


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
