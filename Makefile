# The two commands: `make run` and `make test`. Everything else is a step they call.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# Debian packages: WeasyPrint's Pango and fonts (PDFs), Chromium (browser tests), poppler (PDF text in tests).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test venv system-packages test-packages migrate seed lint clean bench backup restore

# `make run PORT=8100` serves on another port.
PORT ?= 8000

run: venv system-packages migrate seed
	@echo "Serving on http://127.0.0.1:$(PORT) (Ctrl+C to stop)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv test-packages
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

system-packages:
	@missing=$$(for p in $(RUN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-upgrade $$missing; fi

test-packages:
	@missing=$$(for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-upgrade $$missing; fi

migrate: venv
	$(PY) manage.py migrate --noinput

seed: venv
	$(PY) manage.py seed_demo

# Backups of the PostgreSQL database named by DATABASE_URL (pg_dump's custom format, restored with
# pg_restore). `make backup` writes backups/nurture-<time>.dump (or BACKUP_FILE=...);
# `make restore BACKUP_FILE=...` replaces the database's contents with the backup's, in one transaction.
BACKUP_FILE ?= backups/nurture-$(shell date +%Y%m%d-%H%M%S).dump

backup:
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "Set DATABASE_URL to the PostgreSQL database to back up."; exit 1;; esac
	@mkdir -p "$(dir $(BACKUP_FILE))"
	pg_dump --format=custom --no-owner --no-privileges --file="$(BACKUP_FILE)" "$$DATABASE_URL"
	@echo "Backed up to $(BACKUP_FILE)"

restore:
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "Set DATABASE_URL to the PostgreSQL database to restore into."; exit 1;; esac
	@test -f "$(BACKUP_FILE)" || { echo "Name the backup to restore: make restore BACKUP_FILE=backups/....dump"; exit 1; }
	pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
	  --dbname="$$DATABASE_URL" "$(BACKUP_FILE)"
	@echo "Restored $(BACKUP_FILE)"

lint: venv
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) staticfiles .test-media

# The benchmark (not part of `make test`): a synthetic trust in the local PostgreSQL, served by
# gunicorn with the production settings; prints a table and writes bench/results.json.
BENCH_ARGS ?=
bench: venv system-packages
	$(PY) -m bench.run $(BENCH_ARGS)
