# `make run` and `make test` set everything up from nothing: a virtual environment installed from the
# lock file, migrations, compiled translations. Each target is one line of shell where it can be.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup browser pdf deploy-tools trial api-fuzz lint format migrations-check messages compilemessages lock clean

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $(STAMP)

setup: $(STAMP) compilemessages

run: setup pdf
	PORTAL_DEMO=true DEBUG=true $(PY) manage.py migrate --noinput
	PORTAL_DEMO=true DEBUG=true $(PY) manage.py load_demo
	PORTAL_DEMO=true DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

test: setup browser pdf deploy-tools
	$(PY) -m pytest $(PYTEST_ARGS)

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

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

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

lock:
	$(PY) -m pip install --quiet uv && $(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media
