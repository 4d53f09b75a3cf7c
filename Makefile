# Set-up is two commands: `make demo` and `make test`. Everything is installed by these rules.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test bench install clean

install: $(STAMP)

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
	@echo "The graph is build/qgraph.ttl; try $(BIN)/qgraph --help"

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf build .hypothesis
