# The README's two commands: `make run` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench install sysdeps clean fault package package-test

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# Qt's system libraries, fonts, poppler (pdftotext for the tests), xvfb: installed when missing.
sysdeps:
	@bash packaging/linux/sysdeps.sh

run: install sysdeps
	$(BIN)/kemensos-desk $(ARGS)

test: install sysdeps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The fault campaign at full scale (issue 13): kill -9 in the writers, bundle mutants,
# full and read-only targets; prints a table. `make test` runs a sample of each.
fault: install sysdeps
	KEMENSOS_FAULT=full QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/fault tests/test_ministry_hostile.py $(PYTEST_ARGS)

bench: install sysdeps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench $(if $(QUICK),--quick,)

# The frozen one-folder app and the Linux tarball (packaging/README.md); fails above 150 MB.
package:
	@SYSDEPS_EXTRA="icu-devtools gcc binutils" bash packaging/linux/sysdeps.sh
	bash packaging/build.sh

# The built app run from its folder, with no virtualenv and no Python on PATH.
package-test:
	/usr/bin/python3 packaging/smoke_test.py dist/kemensos-desk

clean:
	rm -rf $(VENV) build dist *.egg-info
