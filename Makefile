# credbridge: `make run` starts the service, `make test` runs the checks, `make bench` measures.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test lint bench fixtures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/credbridge serve

lint: install
	$(PY) -m ruff check src adapters tests bench

test: install lint
	$(PY) -m pytest

bench: install
	$(PY) bench/run.py

fixtures: install
	$(PY) fixtures/make_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .ruff_cache
