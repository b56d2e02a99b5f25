# The two commands people need are `make run` and `make test`; both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install run test test-package package lint system-packages bench vendor

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || sh tests/system-packages.sh python3-venv
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test,package]'
	touch $@

run: install
	$(BIN)/chatkit-desktop

system-packages:
	sh tests/system-packages.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install system-packages lint
	$(BIN)/python -m pytest

# The packaged app's tests alone (`make test` runs them too): build it, install it, run it.
test-package: install system-packages
	$(BIN)/python -m pytest tests/packaging

# The Linux artifacts in dist/: the one-folder app (dist/chatkit-desktop/chatkit-desktop),
# the .deb and the tarball. macOS and Windows are built by .github/workflows/package.yml.
package: install system-packages
	$(BIN)/python packaging/linux/make_package.py

bench: install
	$(BIN)/python bench/store.py
	$(BIN)/python -m bench.stream
	$(BIN)/python bench/startup.py
	$(BIN)/python -m bench.shortcut

# Refreshes the vendored Markdown renderer and sanitiser from web/vendor/package-lock.json.
vendor:
	sh web/vendor/refresh.sh
