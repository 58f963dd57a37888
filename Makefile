# One-word tasks. `make demo` and `make test` are the README's quick start.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup assets maybe-assets demo test lint bench bench-web bench-batch check clean

$(BIN)/eventledger: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

setup: $(BIN)/eventledger

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

assets: frontend/node_modules/.installed  ## build the web app's JS and CSS from npm packages (Node.js)
	cd frontend && npm run build

# The built files are committed: without Node.js (or the npm registry) they are used as they are.
maybe-assets:
	@if command -v npm >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory assets || echo "front-end build failed: using the committed build"; \
	else echo "npm not found: using the committed front-end build in src/eventledger/web/static"; fi

demo: setup maybe-assets  ## ingest the bundled samples into ./eventledger.db, show them, serve the web app
	$(BIN)/eventledger demo --serve

test: setup maybe-assets  ## the whole test suite
	$(BIN)/python -m pytest

bench-web: setup  ## p50/p95 latency of filtered API queries at 10k and 100k events
	$(BIN)/python benchmarks/api_latency.py

lint: setup
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	$(BIN)/python -m ruff check src tests benchmarks

bench: setup  ## throughput and memory (needs ../shared for the benchmark pages)
	$(BIN)/python benchmarks/extract_throughput.py

bench-batch: setup  ## Dask batch throughput, worker memory, loading 100k events (needs ../shared)
	$(BIN)/python benchmarks/batch.py

check: setup  ## the shared checks, as a user would run them (needs ../shared)
	EL_CLI=$(BIN)/eventledger $(BIN)/python ../shared/checks/seed_case.py
	EL_CLI=$(BIN)/eventledger $(BIN)/python ../shared/checks/gold_bar.py ../shared/gold/en_dev.jsonl 0.0

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache frontend/node_modules test-artifacts
