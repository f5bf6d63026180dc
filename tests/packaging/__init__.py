"""Packaging tests: the PyInstaller bundle and the desktop files (marker ``packaging``)."""
