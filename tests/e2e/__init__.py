"""End-to-end tests: the real program under Xvfb, driven with xdotool."""
