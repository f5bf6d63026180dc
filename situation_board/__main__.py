"""``python -m situation_board`` runs the program (see ``situation_board.main``)."""

from situation_board.main import main

raise SystemExit(main())
