"""The wall display (``situation-board wall``): ``view.WallView`` and its widgets; started by
``ui.launch.run_wall``."""
