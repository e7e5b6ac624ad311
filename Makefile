# The two commands: `make run` and `make test` (and `make prod` on a server). Everything else is a step they call.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# Debian packages: WeasyPrint's Pango and fonts (PDFs), Chromium (browser tests), poppler (PDF text in tests),
# the PostgreSQL client and age (encrypted backups).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils postgresql-client age
BACKUP_PACKAGES := postgresql-client age
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test venv venv-dev requirements system-packages test-packages backup-packages migrate seed lint clean \
	bench backup restore prod backup-nightly restore-drill

# `make run PORT=8100` serves on another port.
PORT ?= 8000

run: venv system-packages migrate seed
	@echo "Serving on http://127.0.0.1:$(PORT) (Ctrl+C to stop)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv-dev test-packages
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# What production runs is requirements/base.txt; tests and tools add requirements/dev.txt. Both are
# compiled from the .in files, pinned with hashes, by `make requirements` (pip-tools).
venv: $(VENV)/.installed-base
venv-dev: $(VENV)/.installed-dev

$(VENV)/.installed-base: requirements/base.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt requirements/base.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $(VENV)/.installed-base $@

# After editing requirements/base.in or dev.in: compile both lock files again (pip-tools), and commit all four.
PIP_COMPILE := $(abspath $(VENV))/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
requirements: venv-dev
	cd requirements && $(PIP_COMPILE) -o base.txt base.in && $(PIP_COMPILE) -o dev.txt dev.in

system-packages:
	@missing=$$(for p in $(RUN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-upgrade $$missing; fi

backup-packages:
	@missing=$$(for p in $(BACKUP_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
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

# Production on this server (README, "Running it for real"): reads .env (the first run writes one from
# deploy/env.example with a new SECRET_KEY: edit it), creates the database if the role may, migrates,
# collects static files, runs the deployment checks, then honcho starts the Procfile's gunicorn, Celery
# worker and beat together (Ctrl+C stops all three). systemd runs the same three on a server (deploy/systemd/).
PROD_ENV ?= .env
PROD_RUN = $(VENV)/bin/honcho run -e $(PROD_ENV)
prod: venv system-packages $(PROD_ENV)
	@$(PROD_RUN) $(PY) scripts/ensure_database.py
	$(PROD_RUN) $(PY) manage.py migrate --noinput
	$(PROD_RUN) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PROD_RUN) $(PY) manage.py check --deploy
	PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/honcho start -e $(PROD_ENV)

$(PROD_ENV):
	$(PYTHON) scripts/write_env.py $@

# Backups of the PostgreSQL database named by DATABASE_URL (scripts/backup.sh: pg_dump's custom format,
# restored with pg_restore in one transaction). With BACKUP_RECIPIENTS (a file of age public keys) the
# backup is encrypted (.dump.age); restoring one needs BACKUP_IDENTITY (the private key, kept off the server).
#   make backup [BACKUP_FILE=...]          one backup, into backups/ by default
#   make restore BACKUP_FILE=...           replace the database's contents with the backup's
#   make backup-nightly                    the systemd timer's job: encrypted backup, then retention
#   make restore-drill BACKUP_FILE=...     restore into a scratch database, check it, say what it holds, drop it
BACKUP_DIR ?= backups
BACKUP_KEEP_DAYS ?= 35
BACKUP_RECIPIENTS ?=
BACKUP_IDENTITY ?=
BACKUP_FILE ?= $(BACKUP_DIR)/nurture-$(shell date +%Y%m%d-%H%M%S).dump$(if $(BACKUP_RECIPIENTS),.age)
BACKUP_ENV = BACKUP_RECIPIENTS="$(BACKUP_RECIPIENTS)" BACKUP_IDENTITY="$(BACKUP_IDENTITY)"

backup: backup-packages
	@$(BACKUP_ENV) scripts/backup.sh backup "$(BACKUP_FILE)"

restore: backup-packages
	@$(BACKUP_ENV) scripts/backup.sh restore "$(BACKUP_FILE)"

backup-nightly: backup-packages
	@test -s "$(BACKUP_RECIPIENTS)" || { echo "Nightly backups are encrypted: set BACKUP_RECIPIENTS to a file of age public keys."; exit 1; }
	@$(BACKUP_ENV) scripts/backup.sh backup "$(BACKUP_FILE)"
	@scripts/backup.sh prune "$(BACKUP_DIR)" "$(BACKUP_KEEP_DAYS)"

restore-drill: backup-packages
	@$(BACKUP_ENV) $(PY) scripts/restore_drill.py "$(BACKUP_FILE)"

lint: venv
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) staticfiles .test-media

# The benchmark (not part of `make test`): a synthetic trust in the local PostgreSQL, served by
# gunicorn with the production settings; prints a table and writes bench/results.json.
BENCH_ARGS ?=
bench: venv system-packages
	$(PY) -m bench.run $(BENCH_ARGS)
