# One-word tasks. `make demo` and `make test` are the README's quick start.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint bench bench-batch check clean

$(BIN)/eventledger: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

setup: $(BIN)/eventledger

demo: setup  ## ingest the bundled sample articles into ./eventledger.db and show the events
	$(BIN)/eventledger demo

test: setup  ## the whole test suite
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/python -m ruff check src tests benchmarks
	$(BIN)/python -m ruff format --check src tests benchmarks

bench: setup  ## throughput and memory (needs ../shared for the benchmark pages)
	$(BIN)/python benchmarks/extract_throughput.py

bench-batch: setup  ## Dask batch throughput, worker memory, loading 100k events (needs ../shared)
	$(BIN)/python benchmarks/batch.py

check: setup  ## the shared checks, as a user would run them (needs ../shared)
	EL_CLI=$(BIN)/eventledger $(BIN)/python ../shared/checks/seed_case.py
	EL_CLI=$(BIN)/eventledger $(BIN)/python ../shared/checks/gold_bar.py ../shared/gold/en_dev.jsonl 0.0

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
