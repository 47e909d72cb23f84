# Liaison: `make run` serves the demo, `make test` runs the tests. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench migrate demo messages makemessages clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

var:
	mkdir -p var

migrate: $(STAMP) var
	$(PY) manage.py migrate --noinput

# Compile the translations with Babel, so that no GNU gettext is needed.
messages: $(STAMP)
	$(VENV)/bin/pybabel compile -d locale -D django --statistics

# Re-extract the strings to translate (needs GNU gettext's xgettext).
makemessages: $(STAMP)
	$(PY) manage.py makemessages -l de --no-obsolete --ignore=.venv --ignore=var --ignore=tests

demo: migrate messages
	$(PY) manage.py load_demo

# Links in e-mails lead to the address served, unless BASE_URL is set.
run: export BASE_URL ?= http://$(HOST):$(PORT)
run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP) messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
