# Plain runner for the README quick start: `make serve` and `make test`.
# Installs come from the lock files in requirements/ (every package pinned, with hashes).
VENV := .venv
BIN := $(VENV)/bin
SUPPORTED := import sys; sys.exit(not (3, 11, 5) <= sys.version_info[:3] < (3, 14))
# The first Python 3.11.5-3.13 found, unless PYTHON=... is given.
PYTHON ?= $(firstword $(foreach p,python3 python3.13 python3.12 python3.11,$(shell command -v $(p) >/dev/null 2>&1 && $(p) -c '$(SUPPORTED)' 2>/dev/null && echo $(p))))
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
export NO_MKDOCS_2_WARNING := 1

# A .venv made with another Python (or whose Python is gone) is rebuilt, with a message.
ifneq ($(wildcard $(BIN)/python*),)
ifneq ($(shell $(BIN)/python -c '$(SUPPORTED)' 2>/dev/null && echo ok),ok)
$(info $(VENV) was made with $(shell $(BIN)/python --version 2>&1 || echo a Python that is gone); ungsoc needs Python 3.11.5-3.13: rebuilding $(VENV) with $(PYTHON).)
$(shell rm -rf $(VENV))
endif
endif

.PHONY: serve build test test-profiles ci-other-python check report lock clean edit

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "No Python 3.11.5-3.13 found: install one (e.g. apt-get install python3), or give PYTHON=/path/to/python3.12" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Serving needs only the site's packages; the tests add pytest, Playwright and pypdf.
# Each stamp is renewed when its lock file changes.
$(VENV)/.serve: requirements/serve.txt pyproject.toml | $(BIN)/python
	$(PIP) --require-hashes -r requirements/serve.txt
	$(PIP) --no-deps -e .
	touch $@

$(VENV)/.test: requirements/test.txt $(VENV)/.serve
	$(PIP) --require-hashes -r requirements/test.txt
	touch $@

DEV_ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.serve
	$(BIN)/mkdocs serve --dev-addr $(DEV_ADDR)

build: $(VENV)/.serve
	$(BIN)/mkdocs build

check: $(VENV)/.serve
	$(BIN)/ungsoc check

report: $(VENV)/.serve
	$(BIN)/ungsoc report

# Test tools from npm (axe-core, the Nu Html Checker); scripts off: vnu-jar's would fetch a JRE.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# The tests run on every core (pytest-xdist, at most 4 workers: each builds the site once);
# a file's tests stay together on one worker (tests/conftest.py). PYTEST_WORKERS=0: one process.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --maxprocesses=4 --dist loadfile
test: $(VENV)/.test node_modules/.installed
	$(PYTEST)

# CI (.ci/run) runs `make test` with a test profile that is not the demo, then this: the build
# and content tests with three more test profiles, so they hold in any fork (tests marked
# fixed_profile bring their own profiles, one_profile ones prove the same with any profile:
# both ran already).
CI_MORE_PROFILES ?= no-sv no-only dk-da-only
# Given OTHER_PYTHON (CI), the last profile is left to ci-other-python, on that Python.
OTHER_PROFILE ?= $(lastword $(CI_MORE_PROFILES))
PROFILES_ON_VENV := $(if $(OTHER_PYTHON),$(filter-out $(OTHER_PROFILE),$(CI_MORE_PROFILES)),$(CI_MORE_PROFILES))
BUILD_AND_CONTENT := not browser and not fixed_profile and not one_profile
test-profiles: $(VENV)/.test node_modules/.installed
	failed=""; for profile in $(PROFILES_ON_VENV); do \
	  echo "== build and content tests with tests/profiles/$$profile.yml"; \
	  UNGSOC_PROFILE=$$profile $(PYTEST) -q -m "$(BUILD_AND_CONTENT)" || failed="$$failed $$profile"; \
	done; \
	test -z "$$failed" || { echo "make test-profiles: tests failed with$$failed" >&2; exit 1; }

# Install from the same lock file on another Python (CI: the newest other one on the machine),
# in a venv of its own, and run the build and content tests there with one test profile:
# OTHER_PYTHON=/path/to/python3.13 make ci-other-python [OTHER_PROFILE=no-only]
OTHER_VENV := .venv-other
ci-other-python: node_modules/.installed
	@test -n "$(OTHER_PYTHON)" || { echo "give OTHER_PYTHON=/path/to/python3.1x" >&2; exit 1; }
	rm -rf $(OTHER_VENV)
	$(OTHER_PYTHON) -m venv $(OTHER_VENV)
	$(OTHER_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/test.txt
	$(OTHER_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(OTHER_VENV)/bin/python --version
	UNGSOC_PROFILE=$(OTHER_PROFILE) $(subst $(BIN)/,$(OTHER_VENV)/bin/,$(PYTEST)) -q -m "$(BUILD_AND_CONTENT)"

# Renew the lock files after changing the pins in pyproject.toml (uv from PyPI). Universal:
# one file for every supported Python and platform (3.11.5: pymdown-extensions' minimum).
UV_VERSION ?= 0.9.5
lock: $(VENV)/.serve
	$(PIP) uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11.5 --generate-hashes --quiet -o requirements/serve.txt
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11.5 --generate-hashes --quiet --extra test -o requirements/test.txt

# Local editing without a git host: the site preview and the CMS at /admin/, whose local
# backend (decap-server) reads and writes this working tree. Needs Node.js (npm ci).
EDIT_PORT ?= 8000
CMS_PORT ?= 8081
edit: $(VENV)/.serve node_modules/.installed
	@echo "Site: http://127.0.0.1:$(EDIT_PORT)/   CMS: http://127.0.0.1:$(EDIT_PORT)/admin/"
	PORT=$(CMS_PORT) BIND_HOST=127.0.0.1 GIT_REPO_DIRECTORY=$(CURDIR) LOG_LEVEL=warn \
		node node_modules/decap-server/dist/index.js & server=$$!; \
	trap "kill $$server" EXIT INT TERM; \
	UNGSOC_CMS_LOCAL_BACKEND=http://127.0.0.1:$(CMS_PORT)/api/v1 \
		$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(EDIT_PORT)

clean:
	rm -rf site .pytest_cache $(OTHER_VENV)
	@echo "Kept $(VENV) (the installed packages). To remove it too: rm -rf $(VENV)"
