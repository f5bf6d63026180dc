"""GUI tests: pytest-qt on the offscreen platform; Qt warnings fail a test."""
