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
	$(BIN)/python bench/storage_bench.py
	$(BIN)/python bench/build_bench.py
	$(BIN)/python bench/startup_bench.py
	$(BIN)/python bench/tui_bench.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Recompile the shipped norm data from ../shared/spec.
norm:
	$(PYTHON) scripts/compile_norm.py

# Extract messages and merge them into the catalogs (translate the French ones it lists), compile.
messages: $(STAMP)
	$(BIN)/python scripts/sync_catalogs.py
	$(BIN)/python scripts/sync_catalogs.py --check || true
	$(BIN)/pybabel compile -D comptoir -d locales

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
