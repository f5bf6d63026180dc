# Developer entry points. `make demo` and `make test` are the README's Quick start.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# System packages: Qt's xcb platform plugin for a real window; Xvfb, xdotool, ImageMagick,
# poppler and the PostgreSQL server binaries for the test suite.
APT_GUI  := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
            libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core
APT_TEST := $(APT_GUI) xvfb xauth xdotool imagemagick poppler-utils postgresql \
            desktop-file-utils appstream

TS := $(wildcard resources/i18n/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: demo run test test-fast lint format venv deps-gui deps-test translations i18n-update clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dev,packaging]'
	touch $@

venv: $(STAMP) $(QM)

## Compile the Qt translations (.ts sources -> .qm build outputs).
translations: $(QM)

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

## Refresh the .ts sources from the UI code (then translate with pyside6-linguist).
i18n-update: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $$(find situation_board/ui -name '*.py' | sort) \
		-ts $(TS) -source-language en -target-language sv

deps-gui:
	@bash .ci/apt-ensure $(APT_GUI)

deps-test:
	@bash .ci/apt-ensure $(APT_TEST)

## Open the workstation window on the demo board (January 2024 case), embedded SQLite.
demo: venv deps-gui
	$(BIN)/situation-board demo

## Open the workstation window on your own board.
run: venv deps-gui
	$(BIN)/situation-board

## Set up and run the whole test suite.
test: venv deps-test
	$(BIN)/python -m pytest

## Unit tests only (no Qt, no server): seconds.
test-fast: venv
	$(BIN)/python -m pytest tests/unit

lint: venv
	$(BIN)/ruff check situation_board tests
	$(BIN)/ruff format --check situation_board tests
	$(BIN)/mypy

format: venv
	$(BIN)/ruff format situation_board tests
	$(BIN)/ruff check --fix situation_board tests

clean:
	rm -rf $(VENV) build dist test-artifacts .pytest_cache .mypy_cache .ruff_cache $(QM)
