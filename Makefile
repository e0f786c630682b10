# Two commands on a fresh clone: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps demo test lint format bench clean

# Debian packages some tests start for real, each named like its command: Chromium (the run report in a browser)
# and redis-server (the shared frontier). Installed when missing and apt-get can run; otherwise those tests skip
# with a one-line reason.
DEBIAN_PACKAGES := chromium redis-server

setup: $(STAMP)

system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do command -v $$p >/dev/null || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian packages:$$missing"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
			|| echo "could not install$$missing: the tests that need them will skip"; \
	else echo "not installing$$missing (needs root and apt-get): the tests that need them will skip"; fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,scale]'
	touch $(STAMP)

demo: setup
	$(BIN)/guidecrawl demo --out out/demo

# The suite runs on every core (pytest-xdist), each worker taking whole test modules: see tests/worker_groups.py.
# `make test TEST_WORKERS=0` runs it in one process.
TEST_WORKERS ?= auto

test: setup system-deps
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/normalize.py
	$(BIN)/python benchmarks/entities.py
	$(BIN)/python benchmarks/content.py
	$(BIN)/python benchmarks/crawl.py
	$(BIN)/python benchmarks/output.py

clean:
	rm -rf out .pytest_cache .ruff_cache .mypy_cache
