# Plain runner for the README quick start: `make serve` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check report clean edit

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

# Local editing without a git host: the site preview and the CMS at /admin/, whose local
# backend (decap-server) reads and writes this working tree. Needs Node.js (npm ci).
EDIT_PORT ?= 8000
CMS_PORT ?= 8081
edit: $(VENV)/.installed node_modules/.installed
	@echo "Site: http://127.0.0.1:$(EDIT_PORT)/   CMS: http://127.0.0.1:$(EDIT_PORT)/admin/"
	PORT=$(CMS_PORT) BIND_HOST=127.0.0.1 GIT_REPO_DIRECTORY=$(CURDIR) LOG_LEVEL=warn \
		node node_modules/decap-server/dist/index.js & server=$$!; \
	trap "kill $$server" EXIT INT TERM; \
	UNGSOC_CMS_LOCAL_BACKEND=http://127.0.0.1:$(CMS_PORT)/api/v1 \
		$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(EDIT_PORT)

clean:
	rm -rf site .pytest_cache
