# iocluster — every target sets up what it needs (Python 3.11+ and make are enough).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint typecheck pytest bench bench-quick bench-env fuzz clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("iocluster needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,plots,lab]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

## demo: set up and run the main job on the bundled example; outputs under out/
demo: $(STAMP)
	mkdir -p out
	$(BIN)/iocluster analyze data/example_economy.xlsx --scenario data/scenarios/textile_integration.toml -o out/demo --force

## test: set up and run the whole suite: ruff, mypy, pytest (doctests and notebooks included)
test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check iocluster tests benchmarks scripts
	$(BIN)/ruff format --check iocluster tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbmake tests iocluster $(wildcard notebooks/*.ipynb)

## bench: each goal of issue 30 measured against its baseline, one line each (target, met)
bench: $(STAMP)
	$(BIN)/python -m benchmarks

## bench-quick: the same at small sizes (a smoke run of a few minutes)
bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks --quick

## bench-env: the benchmarks' own environment with the peers (MARIO), not a project dependency
bench-env: benchmarks/.venv/bin/mario-installed

benchmarks/.venv/bin/mario-installed: pyproject.toml
	$(PYTHON) -m venv benchmarks/.venv
	benchmarks/.venv/bin/python -m pip install --quiet --upgrade pip
	benchmarks/.venv/bin/python -m pip install --quiet mariopy -e .
	touch $@

## fuzz: the whole suite with many more hypothesis examples (about 5 minutes)
fuzz: $(STAMP)
	IOCLUSTER_FUZZ=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache .hypothesis
