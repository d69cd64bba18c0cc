# Two commands matter: `make demo` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test

.PHONY: demo test lint typecheck docs bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,docs]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python scripts/demo.py fixtures out

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench fuzz
	$(BIN)/ruff format --check src tests scripts bench fuzz

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

docs: $(STAMP)
	$(BIN)/python scripts/gen_docs.py
	$(BIN)/mkdocs build --strict --quiet --site-dir site

test: lint typecheck docs
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/pip install -q -e '.[test,bench]'
	$(BIN)/python bench/run.py

fuzz: $(STAMP)
	$(BIN)/pip install -q atheris
	$(BIN)/python fuzz/run.py

clean:
	rm -rf out site .pytest_cache .mypy_cache .ruff_cache
