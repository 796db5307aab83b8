# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed          # what serving needs (requirements.txt)
DEV_STAMP := $(VENV)/.installed-dev  # and what tests, benchmarks and linting need (requirements-dev.txt)
DB ?= data/kpi.duckdb
PORT ?= 8501

.PHONY: run test lint bench clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(DEV_STAMP)

$(DB): | $(STAMP)
	$(BIN)/python -m etl demo --db $(DB)

# KPI_DB set (in the environment or `make run KPI_DB=...`): that database is served as it is, and the demo, whose
# passwords the README publishes, is never built into it. Unset: the demo database $(DB), built on the first run.
ifdef KPI_DB
run: $(STAMP)
	KPI_DB="$(KPI_DB)" $(BIN)/python -m web.serve --server.port $(PORT)
else
run: $(STAMP) $(DB)
	KPI_DB=$(DB) $(BIN)/python -m web.serve --server.port $(PORT)
endif

# One worker per core (pytest-xdist); a worker that finishes early takes tests queued for another.
# TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= auto
test: $(DEV_STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# National-scale benchmarks (BENCHMARKS.md); e.g. BENCH_ARGS="--years 1 --provinces 3" for a quick run.
bench: $(DEV_STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DB) $(DB).wal data/archive bench/.cache
