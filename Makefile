# `make run` and `make test` set everything up from nothing: a virtual environment installed from the
# lock file, migrations, compiled translations. Each target is one line of shell where it can be.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
COVERAGE_FLOOR ?= 0

.PHONY: run test coverage setup browser pdf deploy-tools trial api-fuzz lint format migrations-check messages compilemessages lock clean

# The lock is installed exactly, with whichever pip the interpreter bundles (no upgrade): scripts/install-python
# says how (no resolving, wheels only, then `pip check`), so the same packages come on any later day.
$(STAMP): requirements.lock scripts/install-python
	bash scripts/install-python $(PYTHON) $(VENV) requirements.lock
	touch $(STAMP)

setup: $(STAMP) compilemessages

run: setup pdf
	PORTAL_DEMO=true DEBUG=true $(PY) manage.py migrate --noinput
	PORTAL_DEMO=true DEBUG=true $(PY) manage.py load_demo
	PORTAL_DEMO=true DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# Coverage of the whole suite, printed, failing below the floor CI holds to (COVERAGE_FLOOR in .ci/run).
coverage: setup browser pdf deploy-tools
	$(PY) -m pytest $(PARALLEL) --cov --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR) $(PYTEST_ARGS)

# In parallel on every core (pytest-xdist): tests/conftest.py keeps the browser tests in one worker and
# the integration tests (Celery workers, the deployment trial) in one worker. PARALLEL= runs in one process.
PARALLEL ?= -n auto --dist loadgroup
test: setup browser pdf deploy-tools
	$(PY) -m pytest $(PARALLEL) $(PYTEST_ARGS)

# Debian's Chromium and CJK fonts for the browser tests; does nothing when they are installed.
browser:
	sh scripts/install-browser

# Pango and CJK fonts for the annual report's PDF; does nothing when they are installed.
pdf:
	sh scripts/install-pdf

# Debian's nginx (with Brotli) and wrk for the deployment trial; does nothing when they are installed.
deploy-tools:
	sh scripts/install-deploy

# nginx + two application servers + worker + beat on loopback (PostgreSQL, Redis): deploy/trial --help.
trial: setup deploy-tools
	deploy/trial

# schemathesis over the whole API schema against the demo served by gunicorn on loopback.
api-fuzz: setup
	$(PY) scripts/api_fuzz.py

# ruff on the code, djlint on the templates, mypy on the typed packages (services and importers; see
# [tool.mypy] in pyproject.toml). The same checks run before each commit after `pre-commit install`.
lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

migrations-check: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run

# Catalogues are compiled with Babel (a locked dependency) so no system gettext is needed.
compilemessages: $(STAMP)
	$(VENV)/bin/pybabel compile --use-fuzzy -d locale -D django --statistics

# Extracting strings needs GNU gettext (xgettext); only translators run this.
messages: $(STAMP)
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles

# A lock that installs the way scripts/install-python does: every distribution (extras' included) pinned
# with hashes, wheels only. uv itself is pinned so that the same pyproject.toml gives the same lock;
# the versions already in requirements.lock are kept unless pyproject.toml asks otherwise
# (`make lock UPGRADE=--upgrade` takes the newest allowed).
UV_VERSION := 0.13.9
lock: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes \
		--only-binary :all: $(UPGRADE) -o requirements.lock

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media
