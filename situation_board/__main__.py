"""``python -m situation_board`` runs the command-line interface."""

from situation_board.cli import main

raise SystemExit(main())
