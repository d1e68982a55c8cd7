# The two commands a new user needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench locale clean

$(BIN)/phutrach: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/phutrach  ## build the demo district and open the TUI on it
	$(BIN)/phutrach demo

test: $(BIN)/phutrach  ## run the whole test suite
	$(BIN)/pytest -n auto

lint: $(BIN)/phutrach  ## ruff, the import contracts and the type checker, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(BIN)/phutrach  ## the benchmark at district, province and 4x, side by side (not part of the tests)
	$(BIN)/python bench/run.py

locale: $(BIN)/phutrach  ## compile the .po files into the .mo catalogs read at run time
	$(BIN)/python -m store.lang.locale.compile

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
