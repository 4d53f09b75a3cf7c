# Set-up is two commands: `make demo` and `make test`. Everything is installed by these rules.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint bench bench-national bench-all install system-deps clean

install: $(STAMP)

# Debian's chromium and a CJK font, for the browser tests of the HTML graphs (root, or sudo, installs them).
system-deps:
	@{ command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi wqy; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei; }

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The main job on the bundled corpus: build and validate the graph, then one comparison.
demo: install
	$(BIN)/qgraph build
	$(BIN)/qgraph validate build/qgraph.ttl
	$(BIN)/qgraph query clauses-per-jurisdiction
	$(BIN)/qgraph lead 食品安全
	$(BIN)/qgraph viz

test: install system-deps lint
	$(BIN)/python -m pytest

# Style, types and the import contracts of .importlinter (stages layered; the asking side never
# imports extraction or the build).
lint: install
	$(BIN)/ruff check qgraph bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Scale: a synthetic corpus of varied documents built and asked (build time, peak memory of the
# process tree, index size, each library query and `qgraph lead` as a cold process).
bench: install
	$(BIN)/python bench/scale.py 1000

bench-national: install
	$(BIN)/python bench/scale.py 10000

# The older micro-benchmarks: parse throughput, both engines on the bundled corpus, reuse alone.
bench-all: install
	$(BIN)/python bench/run.py

clean:
	rm -rf build .hypothesis
