# Crypto Flexs: `make run` sets everything up and serves the site; `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/lib/chromium/chromium
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format install install-dev browser node-tools serve clean-var bench-import bench-ingest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: reinstall only when pyproject.toml changes, so a second `make run` starts in seconds.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "Installing dependencies into $(VENV) …"
	$(BIN)/python -m pip install --quiet -e . 2> >(grep -v "is ignored" >&2)
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]' 2> >(grep -v "is ignored" >&2)
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian's Chromium for the browser tests (never a browser download).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser tests …"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	fi

# The W3C Nu HTML checker and axe-core, from npm (pinned in package-lock.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@
node-tools: node_modules/.installed

run: install
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py migrate --noinput
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python manage.py bootstrap
	$(BIN)/python manage.py train_classifier --if-missing
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python manage.py serve

lint: install-dev layers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: layers
# The layer contracts of pyproject.toml [tool.importlinter] (docs/architecture.md).
layers: install-dev
	$(BIN)/lint-imports --no-cache

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install-dev browser node-tools
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench-import: install-dev
	$(BIN)/python bench/import_articles.py

.PHONY: bench-search
# Search latency (10k and 100k articles on SQLite, 10k on PostgreSQL when reachable),
# known-item search and related-posts precision; figures in bench/results/search.json.
bench-search: install-dev
	$(BIN)/python bench/search.py $(BENCH_ARGS)

# Ingest pipeline: throughput on loopback feeds, near-duplicate and classification quality.
bench-ingest: install-dev
	$(BIN)/python bench/ingest.py

.PHONY: bench-web
# Our pages (page cache off and on) against the WordPress peer (when it answers on 8081) and
# nginx serving a static copy; BENCH_N=100000, BENCH_DB=postgresql; figures in
# bench/results/web.json and README.md (~10 min at 10k).
bench-web: install-dev
	$(BIN)/python bench/web.py

.PHONY: bench-load
# 60 s of wrk at 64 connections (home, article, search, feed, API) against the scale-out mode
# with a Redis outage in the middle; figures in bench/results/load.json. Needs wrk, PostgreSQL
# and redis-server on this machine (it starts its own Redis on a free port).
bench-load: install-dev
	@command -v wrk >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
	$(BIN)/python bench/load.py $(BENCH_ARGS)

clean-var:
	rm -rf var

# The public API against its own OpenAPI schema (schemathesis, every check). schemathesis
# lives in its own virtualenv under var/: its pytest plugin and pins stay out of .venv.
SCHEMATHESIS_VENV := var/tools/schemathesis
$(SCHEMATHESIS_VENV)/bin/schemathesis:
	$(PYTHON) -m venv $(SCHEMATHESIS_VENV)
	$(SCHEMATHESIS_VENV)/bin/python -m pip install --quiet schemathesis 2> >(grep -v "is ignored" >&2)

.PHONY: api-check
api-check: install $(SCHEMATHESIS_VENV)/bin/schemathesis
	$(BIN)/python manage.py api_check --schemathesis $(SCHEMATHESIS_VENV)/bin/schemathesis

.PHONY: bench-deadlines
# How soon a fetch gives up (deadlines) and hostile feeds fail; bench/results/deadlines.json.
bench-deadlines: install-dev
	$(BIN)/python bench/deadlines.py

.PHONY: bench-comments
# Article page with many comments and the comment POST (figures in bench/results/comments.json).
bench-comments: install-dev
	$(BIN)/python bench/comments.py

# The W3C feed validator's error rules over every kind of feed (the validator itself is not
# installable offline; tests/distribution/feedcheck.py applies its rules), and the sitemap XSDs.
.PHONY: validate-feeds
validate-feeds: install-dev
	$(BIN)/python -m pytest tests/distribution/test_feeds.py tests/distribution/test_sitemaps.py -q
