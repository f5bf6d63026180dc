"""PyInstaller entry point: the same ``main`` as the ``situation-board`` console script."""

import sys

from situation_board.main import main

if __name__ == "__main__":
    sys.exit(main())
