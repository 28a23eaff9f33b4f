# Two commands for users: `make run` and `make test`. Everything else is for developers.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
# Local mode (no accounts) is for this computer only: the app listens on localhost unless the
# operator says otherwise, e.g. `make run ADDRESS=0.0.0.0` once accounts or OIDC are set up.
ADDRESS ?= localhost

.PHONY: install run test test-fast bench bench-smoke lint docs mutate screenshots lock clean

$(STAMP): requirements.lock pyproject.toml
	@echo "Klusterimittari: installing the pinned Python packages into $(VENV)/ (first run only, 1-2 minutes) ..."
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@
	@echo "Klusterimittari: installed."

install: $(STAMP)

run: install
	$(BIN)/klusterimittari demo --if-empty --second-cluster
	$(BIN)/python -m auth.preflight
	@echo "Klusterimittari: starting at http://$(ADDRESS):$(PORT) - open it in your browser; Ctrl+C stops."
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not browser and not slow"

bench: install
	$(BIN)/python -m bench.run

bench-smoke: install
	$(BIN)/python -m bench.run --smoke

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Generated documentation: the indicator catalogue (a test fails when it is stale).
docs: install
	$(BIN)/python -m tools.indicator_docs

# Mutation testing of the rule modules; writes docs/mutation.md (takes an hour or more).
mutate: install
	$(BIN)/python -m tools.mutate

screenshots: install
	$(BIN)/python -m tests.browser.screenshots

# Re-resolve the pinned dependency set from pyproject.toml (developers only).
lock:
	rm -rf .lockenv && $(PY) -m venv .lockenv
	.lockenv/bin/pip install -q --disable-pip-version-check '.[dev]'
	.lockenv/bin/pip freeze --exclude-editable --exclude klusterimittari > requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) build *.egg-info
