"""The application layer between the faces (CLI, window, wall) and the services.

``context.AppContext`` holds one run's settings, local store, clock, actor and language;
``config`` declares the settings; ``logs`` sets up the log file; ``windows`` is the protocol a
face implements to open windows. Nothing here imports Qt.
"""
