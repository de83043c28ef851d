# `make run` and `make test` each work as the only command on a fresh Debian machine with
# Python 3.11: they create .venv when missing and install the project with its extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
APT := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)

.PHONY: run test lint browser bench screenshots validate export clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed: installing Debian's python3-venv"; \
	  rm -rf $(VENV); $(APT) update && $(APT) install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# The port: STREAMLIT_SERVER_PORT (Streamlit reads it itself), else PORT, which hosting
# platforms set, else 8501.
run: $(STAMP)
	$(BIN)/streamlit run dashboard/app.py $(if $(STREAMLIT_SERVER_PORT),,--server.port $(or $(PORT),8501))

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { $(APT) update && $(APT) install -y chromium; } \
	  || echo "Chromium could not be installed: the browser tests will be skipped"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP) browser lint
	$(BIN)/python -m pytest

validate: $(STAMP)
	$(BIN)/python -m dashboard validate

export: $(STAMP)
	$(BIN)/python -m dashboard export --out export

bench: $(STAMP) browser
	$(BIN)/python -m benchmarks

screenshots: $(STAMP) browser
	$(BIN)/python -m tests.screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis export
