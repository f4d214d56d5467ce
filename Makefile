# Tracker: `make run` serves the dashboard on the demo data; `make test` runs the whole suite;
# `make lint` checks style, the layers' import contracts and types.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TRACKER_DB ?= sqlite:///$(CURDIR)/var/tracker.db
export TRACKER_DB
# `make run HOST=0.0.0.0 PORT=8060`: where `make run` serves (passed to `tracker serve`)
HOST   ?= 127.0.0.1
PORT   ?= 8050

.PHONY: run test bench loadtest lint format install init clean eval-extract

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

init: $(STAMP)
	$(BIN)/tracker init --demo

run: init
	$(BIN)/tracker serve --host $(HOST) --port $(PORT)

test: init
	$(BIN)/python -m pytest -q

bench: init
	$(BIN)/python -m bench.run

# 50 readers for 60 s against gunicorn (4 workers, loopback) on 1M figures, SQLite and PostgreSQL,
# with an import running; bench/results.json (loadtest) and the README table. ARGS=--quick: smoke run.
loadtest: init
	$(BIN)/python -m bench.loadtest $(ARGS)

# Scores `tracker extract` on ../shared (dev sentences, founding article) and on any folders of
# unseen articles given as ARTICLES="DIR ..."; writes docs/extract-eval.md and the README table
eval-extract: $(STAMP)
	$(BIN)/python scripts/eval_extract.py $(foreach d,$(ARTICLES),--articles $(d))

# ruff, the import contracts of pyproject.toml ([tool.importlinter]) and mypy ([tool.mypy]).
lint: $(STAMP)
	$(BIN)/ruff check tracker dashboards tests scripts bench
	$(BIN)/ruff format --check tracker dashboards tests scripts bench
	$(BIN)/lint-imports
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format tracker dashboards tests scripts bench
	$(BIN)/ruff check --fix tracker dashboards tests scripts bench

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
