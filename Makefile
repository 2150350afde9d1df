# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUF := node_modules/.bin/buf
STAMP := $(VENV)/.installed

.PHONY: setup run test check lint typecheck imports proto-lint generate check-generated pytest bench clean

setup: $(STAMP) $(BUF)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(BUF): package.json
	npm install --no-audit --no-fund --silent
	touch $(BUF)

## Run the product on its embedded default: SQLite file under var/, demo data on first start,
## and a fulfilment simulator playing order management so orders move through their lifecycle.
run: setup
	$(BIN)/ordercapture serve --simulate-fulfilment

## Every check: lint, types, layering, protos, generated code, then all tests.
test: check pytest

check: lint typecheck imports proto-lint check-generated

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

imports: setup
	$(BIN)/lint-imports

proto-lint: setup
	$(BUF) lint
	$(BUF) format --diff --exit-code
	@if git rev-parse --verify -q main >/dev/null; then $(BUF) breaking --against '.git#branch=main'; fi

## Regenerate generated/ from protos/ (buf with local plugins only; works offline).
generate: setup
	$(BUF) generate

## Fails when generated/ is not what the protos produce.
check-generated: setup
	@tmp=$$(mktemp -d); $(BUF) generate -o $$tmp >/dev/null 2>&1 \
	  && diff -r generated $$tmp/generated >/dev/null \
	  || { echo "generated/ is stale: run 'make generate'"; rm -rf $$tmp; exit 1; }; \
	  rm -rf $$tmp; echo "generated/ is fresh"

pytest: setup
	$(BIN)/pytest -q

## Catalog benchmark: starts the product as a user would and drives it from a separate process.
bench: setup
	$(BIN)/python -m tests.bench.catalog

## Eligibility benchmark: a 10-item check on the demo data next to 10,000 offerings and 2,000 rules.
.PHONY: bench-eligibility
bench-eligibility: setup
	$(BIN)/python -m tests.bench.eligibility

## Ordering benchmark: orders submitted with 64 in flight over gRPC and REST; stored == accepted.
.PHONY: bench-ordering
bench-ordering: setup
	$(BIN)/python -m tests.bench.ordering

## Filtered order lists over 100,000 stored orders (tests/bench/order_filters.py).
.PHONY: bench-order-filters
bench-order-filters: setup
	$(BIN)/python -m tests.bench.order_filters

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
