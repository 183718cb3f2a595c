# Two commands on a fresh machine: `make editions` builds every edition,
# `make test` runs the tests. Each sets up what it needs first.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: editions test system-deps clean

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint constraints.txt -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

editions: $(STAMP)
	$(BIN)/editions build --all

system-deps:
	bash scripts/system-deps.sh

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

clean:
	rm -rf build $(VENV)
