# Plain runner for the README quick start: `make serve` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check report clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

# Reinstall only when the pins change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed
	$(BIN)/mkdocs build

check: $(VENV)/.installed
	$(BIN)/ungsoc check

report: $(VENV)/.installed
	$(BIN)/ungsoc report

# Test tools from npm (axe-core, the Nu Html Checker); scripts off: vnu-jar's would fetch a JRE.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

test: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache
