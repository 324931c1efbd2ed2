# Voordeur. The two commands a newcomer needs: `make run` and `make test`.
# Everything the project needs is installed from here; nothing by hand.

SHELL := /bin/bash
ROOT := $(abspath .)

# Python 3.11 for the project, Python 3.10 (pyenv) for the Rasa 3.6 engine.
PY311 ?= $(or $(shell command -v python3.11 2>/dev/null),$(firstword $(wildcard $(HOME)/.pyenv/versions/3.11.*/bin/python)))
PY310 ?= $(or $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10.*/bin/python)),$(shell command -v python3.10 2>/dev/null))

VENV := .venv
ENGINE := .venv-rasa
PY := $(VENV)/bin/python
PROJECT_STAMP := $(VENV)/.installed
ENGINE_STAMP := $(ENGINE)/.installed

.PHONY: run test install lint model migrate bench lock clean help browser audit translations

help:
	@echo "make run   - install what is missing, train if needed, start everything"
	@echo "make test  - install what is missing, lint, check content, run all tests"
	@echo "make bench - print the per-turn latency of an end-to-end conversation"
	@echo "make audit - known vulnerabilities in both Python environments (part of make test)"

install: $(PROJECT_STAMP) $(ENGINE_STAMP)

# The project environment: reused until pyproject.toml or its lock file changes.
$(PROJECT_STAMP): pyproject.toml requirements/project.lock.txt
	@test -n "$(PY311)" || { echo "Python 3.11 is needed (python3.11 or pyenv)"; exit 1; }
	test -x $(PY) || $(PY311) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/project.lock.txt -e '.[dev]'
	touch $@

# The engine environment: Rasa 3.6 runs only on Python <= 3.10.
$(ENGINE_STAMP): requirements/engine.lock.txt
	@test -n "$(PY310)" || { echo "Python 3.10 is needed for Rasa 3.6 (pyenv install 3.10)"; exit 1; }
	test -x $(ENGINE)/bin/python || $(PY310) -m venv $(ENGINE)
	$(ENGINE)/bin/python -m pip install --quiet --upgrade pip
	$(ENGINE)/bin/python -m pip install --quiet -r requirements/engine.lock.txt
	touch $@

model: install
	$(PY) -m actions.adapters.domain_slots --check
	$(PY) -m api.cli train

migrate: $(PROJECT_STAMP)
	$(PY) -m api.cli migrate

run: install browser model translations
	$(PY) -m api.cli run

lint: $(PROJECT_STAMP)
	$(VENV)/bin/ruff check .
	$(PY) -m actions.adapters.domain_slots --check
	$(PY) -m content.lint
	$(PY) -m content.translations check
	$(ENGINE)/bin/rasa data validate --domain bot/domain --data bot/data --config config.yml --fail-on-warnings

# Debian's Chromium for the browser tests (Playwright drives the system binary; nothing is
# downloaded at run time). Installed where we can (root with apt); elsewhere the browser
# tests skip with a message, and in CI (VOORDEUR_CI=1) such a skip is a failure.
# Pango and a font are what WeasyPrint needs for the front office's PDF export.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
browser:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then \
		echo "system packages present: $(SYSTEM_PACKAGES)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "missing and not installable here (needs root and apt-get): $$missing; browser tests and the PDF export will skip"; \
	fi

# axe-core (npm, pinned in package-lock.json) checks pages for WCAG 2.1 AA in browser tests.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm is missing: the accessibility checks in the browser tests will skip"; fi

# The resident's languages: each catalog (content/locale/<language>/.../voordeur.po) is
# compiled to the .mo the assistant reads. `python -m content.translations update`
# after changing Dutch texts; `check` (in lint) fails on anything missing or outdated.
CATALOGS := $(wildcard content/locale/*/LC_MESSAGES/voordeur.po)
translations: $(CATALOGS:.po=.mo)
content/locale/%/LC_MESSAGES/voordeur.mo: content/locale/%/LC_MESSAGES/voordeur.po $(PROJECT_STAMP)
	$(PY) -m content.translations compile $*

# Known vulnerabilities in either environment fail the build, unless listed with a
# reason in requirements/audit-ignore.yml (tools/audit.py).
audit: install
	$(PY) tools/audit.py

test: install model translations lint browser node_modules/.installed audit
	$(PY) -m pytest

bench: install model
	$(PY) bench/turn_latency.py

# Re-pin after changing dependencies in pyproject.toml (writes the project lock file).
lock: $(PROJECT_STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v '^voordeur' > requirements/project.lock.txt

clean:
	rm -rf $(VENV) $(ENGINE) models var .pytest_cache .ruff_cache node_modules
