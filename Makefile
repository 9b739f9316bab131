# IOM Compass. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails (ours and Wagtail's) name the address the site runs on.
WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

.DEFAULT_GOAL := help
.PHONY: help install run test test-unit e2e lint format bench bench-instructions check-python clean

help:
	@echo "make run     install, migrate, load demo content, serve on http://$(HOST):$(PORT)"
	@echo "make test    install, then run the whole test suite"
	@echo "make e2e     run only the browser journeys (needs /usr/bin/chromium)"
	@echo "make lint    ruff check and format check"
	@echo "make format  ruff format and fix"
	@echo "make bench   seed 5,000 learners into bench.sqlite3; time the dashboards, quizzes, journal,"
	@echo "             team progress at 30/300/3,000 learners and content pages against a bare view"
	@echo "make bench-instructions  count instructions per warm render under callgrind (needs valgrind)"

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static_build/.built: node_modules/.installed frontend/build.mjs $(wildcard frontend/scss/*.scss)
	npm run --silent build
	@touch $@

install: $(VENV)/.installed static_build/.built

run: export WAGTAILADMIN_BASE_URL := $(WAGTAILADMIN_BASE_URL)
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH

test: install
	@test -x "$(CHROMIUM_PATH)" || echo "NOTE: $(CHROMIUM_PATH) not found, so the browser journeys (e2e) will be SKIPPED. Install it with: apt-get install chromium"
	.ci/test-suite $(PYTEST_ARGS)

e2e: install
	@test -x "$(CHROMIUM_PATH)" || { echo "$(CHROMIUM_PATH) not found: install it with apt-get install chromium"; exit 1; }
	E2E_REQUIRED=1 $(BIN)/python -m pytest -m e2e $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# A separate database, so the benchmark never touches your demo data.
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/bench.sqlite3
BENCH_ENV = DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_SETTINGS_MODULE=iomsite.settings.test
bench: install
	rm -f bench.sqlite3 bench.sqlite3-wal bench.sqlite3-shm
	$(BENCH_ENV) $(BIN)/python manage.py migrate --no-input -v0
	$(BENCH_ENV) $(BIN)/python manage.py load_demo --content-only
	$(BENCH_ENV) $(BIN)/python manage.py seed_scale --learners 5000 --teams 200 --courses 20
	$(BENCH_ENV) $(BIN)/python manage.py bench_dashboards --runs 30
	$(BENCH_ENV) $(BIN)/python manage.py bench_quizzes --runs 30 --cohort 5000
	$(BENCH_ENV) $(BIN)/python manage.py bench_journals --runs 30
	$(BENCH_ENV) $(BIN)/python manage.py bench_shapes --runs 15 --sizes 30,300,3000

clean:
	rm -rf $(VENV) node_modules static_build staticfiles .pytest_cache test-results

# Instructions per warm render under callgrind (they do not drift on a shared
# machine): the demo site with its accounts, content and learner pages, and a
# team of 300. Its own database file, made afresh each time.
INSTRUCTIONS_DATABASE_URL ?= sqlite:///$(CURDIR)/bench-instructions.sqlite3
bench-instructions: install
	@command -v valgrind >/dev/null || { echo "valgrind not found: apt-get install valgrind"; exit 1; }
	rm -f bench-instructions.sqlite3 bench-instructions.sqlite3-wal bench-instructions.sqlite3-shm
	DATABASE_URL=$(INSTRUCTIONS_DATABASE_URL) DJANGO_DEBUG=true $(BIN)/python manage.py migrate --no-input -v0
	DATABASE_URL=$(INSTRUCTIONS_DATABASE_URL) DJANGO_DEBUG=true $(BIN)/python manage.py load_demo
	DATABASE_URL=$(INSTRUCTIONS_DATABASE_URL) DJANGO_SETTINGS_MODULE=iomsite.settings.test $(BIN)/python manage.py bench_instructions --renders 10 --team 300
