# Comptoir — set-up, run, test, bench. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PO := $(wildcard locales/*/LC_MESSAGES/comptoir.po)
MO := $(PO:.po=.mo)

.PHONY: setup run test bench lint norm messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

locales/%/LC_MESSAGES/comptoir.mo: locales/%/LC_MESSAGES/comptoir.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -D comptoir -d locales -l $* >/dev/null

setup: $(STAMP) $(MO)

run: setup
	$(BIN)/comptoir

test: setup
	bash tests/system-deps.sh
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	CI=$${CI:-} $(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Recompile the shipped norm data from ../shared/spec.
norm:
	$(PYTHON) scripts/compile_norm.py

# Extract messages, merge them into the catalogs, compile.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -o locales/comptoir.pot --no-location --sort-output .
	$(BIN)/pybabel update -D comptoir -d locales -i locales/comptoir.pot --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -D comptoir -d locales

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
