# Vigie — every recipe is commented; `make help` lists them.
# Python 3.11, pip, make are enough: the recipes create .venv and install what they need.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast lint format eval model security bench bench-analysis bench-linking bench-crossref bench-analytics bench-geo bench-api bench-chat bench-soak bench-servers demo chromium messages clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): requirements/dev.txt pyproject.toml package-lock.json
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 est requis ($(PYTHON))."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	# WeasyPrint (the meeting brief in PDF) draws its text with Debian's Pango.
	@$(PY) -c "import weasyprint" >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
		else echo "Pango manque pour la note en PDF : sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"; fi; }
	# Front-end assets (Leaflet; axe-core for the tests), pinned by package-lock.json.
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

run: $(STAMP) ## Serve the product on http://127.0.0.1:8000 (SQLite, in-process layer, demo data)
	DJANGO_SETTINGS_MODULE=config.settings.run $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.run $(PY) manage.py load_geography --if-empty
	DJANGO_SETTINGS_MODULE=config.settings.run $(PY) manage.py demo
	DJANGO_SETTINGS_MODULE=config.settings.run $(PY) manage.py retention housekeeping --schedule
	DJANGO_SETTINGS_MODULE=config.settings.run $(PY) manage.py dispatches escalate --schedule
	DJANGO_SETTINGS_MODULE=config.settings.run $(PY) manage.py analytics refresh --schedule
	# The background worker (cross-referencing of each arriving report, django-tasks' database
	# backend) runs next to the server; Ctrl-C stops both, and so does the server's exit.
	# uvicorn chosen by measurement (bench/results/servers.md). No access log, warnings only
	# (its INFO lines carry WebSocket client addresses), no trust in forwarded headers.
	# MALLOC_ARENA_MAX=2: glibc's per-thread arenas grew memory linearly (bench/results/soak.md).
	export MALLOC_ARENA_MAX=2; \
	DJANGO_SETTINGS_MODULE=config.settings.run $(PY) manage.py db_worker --no-reload \
		--no-startup-delay --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_SETTINGS_MODULE=config.settings.run $(BIN)/uvicorn config.asgi:application \
		--host 127.0.0.1 --port 8000 --lifespan off --ws websockets-sansio \
		--no-access-log --log-level warning --no-server-header --no-proxy-headers \
		--ws-per-message-deflate false

demo: $(STAMP) ## Fill an empty database with the clearly-marked demo (Doubs, Jura)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_geography --if-empty
	$(PY) manage.py demo

chromium: ## Install Debian's Chromium for the browser tests (never a downloaded browser)
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "Chromium manque : sudo apt-get install chromium"; fi; }

test: $(STAMP) chromium ## The whole suite (unit, integration, browser, analysis evaluation); PYTEST_ARGS adds options
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: $(STAMP) ## The suite without the browser tests
	$(PY) -m pytest -n 2 -m "not e2e"

lint: $(STAMP) ## ruff format --check, ruff, mypy on the core, migrations up to date
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(PY) manage.py makemigrations --check --dry-run

format: $(STAMP) ## Format and autofix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

eval: $(STAMP) ## Evaluate the text analysis on the labelled development set (more files: python -m vigie.engine.analysis.evaluate A B …)
	$(PY) -m vigie.engine.analysis.evaluate vigie/engine/analysis/data/dev.jsonl

model: $(STAMP) ## Rebuild the analysis classifier (vigie/engine/analysis/data/model.json, committed) from the labelled reports
	$(PY) -m vigie.engine.analysis.training build
	$(PY) -m vigie.engine.analysis.training validate

SECURITY_VENV := .venv-security

# The security tools live in a venv of their own (they pin libraries the application does not use).
$(SECURITY_VENV)/.installed: requirements/security.txt
	test -x $(SECURITY_VENV)/bin/python || $(PYTHON) -m venv $(SECURITY_VENV)
	$(SECURITY_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SECURITY_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/security.txt
	touch $@

security: $(STAMP) $(SECURITY_VENV)/.installed ## Security checks: bandit, semgrep, schemathesis, sqlmap, exiftool, kill -9, access matrix (~10 min)
	@command -v exiftool >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq libimage-exiftool-perl >/dev/null; }
	$(PY) scripts/security/run.py

bench: bench-analysis bench-linking bench-geo bench-api bench-chat ## Benchmarks (results in bench/results/, with the command of each)

bench-analysis: $(STAMP) ## Analysis: reports/s on one core, p50/p99 on 2,000-character reports
	$(PY) bench/analysis/run.py

bench-linking: $(STAMP) ## Linking engine: cost per new report in memory; pairwise F1 on fresh generated scenarios
	$(PY) -m bench.linking.run
	$(PY) -m bench.linking.evaluate --seeds 3001 3002 3003

bench-crossref: $(STAMP) ## Cross-referencing in the database: link one report, triage list, dossier page, map at 10^4/10^5 reports, SQLite and PostgreSQL (~1 h; SIZES="10000 100000 1000000")
	$(PY) -m bench.crossref.db --sizes $(or $(SIZES),10000 100000)

bench-analytics: $(STAMP) ## Figures pages (dashboards, national view, alerts, brief) at 10^6 reports over 5 years + the background refresh, SQLite and PostgreSQL (~40 min; SIZE=100000 for a smaller run)
	$(PY) -m bench.analytics.pages --size $(or $(SIZE),1000000)

bench-geo: $(STAMP) ## Commune search behind the autocomplete: ms per query
	$(PY) bench/geo/run.py

bench-api: $(STAMP) ## API submissions/s vs a stdlib SQLite baseline, SQLite and PostgreSQL (~5 min; installs wrk)
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(PY) bench/api/run.py

bench-chat: $(STAMP) ## Live chat: 100/1,000/2,000 conversations, one process then two with Redis (~15 min)
	$(PY) bench/chat/run.py

bench-soak: $(STAMP) ## Soak: 30 min of submissions, follow-ups, chat and back-office pages on two processes (PostgreSQL + Redis): errors, RSS growth (MINUTES=3 for a short run)
	$(PY) bench/soak/run.py --minutes $(or $(MINUTES),30)

bench-scale: $(STAMP) ## Issue 15's figures against their targets: CPU per report (+ photo), 32 submitters, chat at 2,000 conversations on 1 and 2 processes, soak (~75 min; SOAK_MINUTES=30) -> bench/results/scale.md
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(PY) bench/scale.py --soak-minutes $(or $(SOAK_MINUTES),30)

bench-servers: $(STAMP) ## ASGI servers compared on Django+Channels (~9 min; installs wrk)
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) bench/servers/run.py

messages: $(STAMP) ## Regenerate the English translation catalogue (needs gettext)
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

clean: ## Remove the virtualenv and local state (database, keys!)
	rm -rf $(VENV) $(SECURITY_VENV) var staticfiles test-artifacts
