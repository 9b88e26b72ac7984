# The two commands of the README: `make run` and `make test`. Both build .venv themselves.
# `make run` starts the web server and a background worker together (Procfile.dev).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench loadtest messages accessibility screenshots check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
		echo "error: Python 3.12 or newer is needed (Django 6.1); '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
		echo "       Install it (e.g. 'pyenv install 3.12') or run: make PYTHON=/path/to/python3.12 $(MAKECMDGOALS)"; \
		exit 1; }

$(STAMP): pyproject.toml | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

run: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo
	WEB_PORT=$(PORT) $(BIN)/honcho -f Procfile.dev start

# axe-core (npm) for the accessibility scan; without npm that one test is skipped locally.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: tests/browser/test_accessibility.py will be skipped"; fi

test: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The public site's accessibility test: every public page at 320 px and at 200% zoom with
# axe-core; when all pass, classes/accessibility_record.json (the date and result the
# ウェブアクセシビリティ方針 page shows) is rewritten. Commit it.
accessibility: $(STAMP) node_modules/.package-lock.json
	ACCESSIBILITY_RECORD=1 $(BIN)/python -m pytest -p no:cacheprovider tests/browser/test_public_site.py
	@git diff --stat -- classes/accessibility_record.json

# The citizen's journey as PNG files in docs/img/ (README, docs/classes.md). Commit them.
screenshots: $(STAMP)
	SCREENSHOTS=1 $(BIN)/python -m pytest -p no:cacheprovider tests/browser/test_screenshots.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	DJANGO_DEBUG=0 $(BIN)/python -m learning.bench $(BENCH_ARGS)

# Concurrent registrations and sign-ups against two gunicorn servers (needs PostgreSQL).
loadtest: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(BIN)/python -m learning.loadtest

# Regenerate the Japanese catalogues (needs GNU gettext), then compile them; the .mo files are committed.
messages: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py app_messages
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles node_modules
