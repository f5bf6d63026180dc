# Developer entry points. `make demo` and `make test` are the README's Quick start.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# System packages: Qt's xcb platform plugin for a real window; Xvfb, xdotool, ImageMagick,
# poppler and the PostgreSQL server binaries for the test suite.
APT_GUI  := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
            libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core
APT_TEST := $(APT_GUI) xvfb xauth xdotool imagemagick poppler-utils postgresql gettext \
            desktop-file-utils appstream

# The one message catalogue: resources/i18n/<lang>.po sources, compiled .mo build outputs.
LANGS := sv en
MO := $(foreach l,$(LANGS),resources/i18n/$(l)/LC_MESSAGES/situation_board.mo)
BABEL_KEYWORDS := -k N_ -k NC_:1c,2

.PHONY: demo run test test-fast bench soak lint format venv deps-gui deps-test translations i18n-update clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dev,packaging]'
	touch $@

venv: $(STAMP) $(MO)

## Compile the message catalogue (.po sources -> .mo build outputs) with Babel.
translations: $(MO)

resources/i18n/%/LC_MESSAGES/situation_board.mo: resources/i18n/%.po $(STAMP)
	@mkdir -p $(dir $@)
	$(BIN)/pybabel -q compile -i $< -o $@ -l $*

## Extract every user-visible string with Babel and update the .po sources (then translate sv.po).
i18n-update: $(STAMP)
	$(BIN)/pybabel -q extract --no-location --sort-output $(BABEL_KEYWORDS) \
		--project situation-board -o resources/i18n/situation_board.pot situation_board
	for l in $(LANGS); do $(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete -w 100 --ignore-pot-creation-date \
		-i resources/i18n/situation_board.pot -o resources/i18n/$$l.po -l $$l; done
	rm resources/i18n/situation_board.pot

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

## Every benchmark in tests/perf (not tests: pytest never collects them): one table, each value
## against a baseline measured in the same run, also as test-artifacts/bench.json. Takes about
## half an hour (the first run also builds a board of 1,000,000 entries in test-artifacts/bench-data).
bench: venv deps-test
	$(BIN)/python -m tests.perf

## The long reliability profile (issue 14; hours): the state machines at 2,000 examples x 100
## steps, 1,000 SIGKILLs, 10 store outages, 1,000,000 late-committed rows, 3 failovers. `make
## test` runs the same tests in their short profile. Figures: test-artifacts/reliability-figures.jsonl.
FIGURES := test-artifacts/reliability-figures.jsonl
soak: venv deps-test
	mkdir -p test-artifacts && rm -f $(FIGURES)
	SB_SOAK=1 SB_REQUIRE_POSTGRES=1 SB_FIGURES=$(FIGURES) $(BIN)/python -m pytest -m reliability \
		-p no:cacheprovider -q -s -o log_cli=false tests/integration
	$(BIN)/python -m tests.reliability $(FIGURES)

lint: venv
	$(BIN)/ruff check situation_board tests
	$(BIN)/ruff format --check situation_board tests
	$(BIN)/mypy

format: venv
	$(BIN)/ruff format situation_board tests
	$(BIN)/ruff check --fix situation_board tests

clean:
	rm -rf $(VENV) build dist test-artifacts .pytest_cache .mypy_cache .ruff_cache $(MO)
