# massage-timer: `make run` opens the app, `make test` passes every test. Both set up what they need.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help setup system-deps run test lint typecheck unit bench wheel bundle install-desktop translations clean

help: ## show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

system-deps: ## install the Debian packages the app and tests need (as root), or say which
	@bash packaging/dev/system-deps.sh

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "massage-timer needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

setup: system-deps $(STAMP) ## create the virtual environment with the app and its tools

run: setup ## set up and open the app
	$(VENV)/bin/massage-timer

lint: $(STAMP) ## ruff and mypy
	$(VENV)/bin/ruff check massage_timer tests bench packaging tools
	$(VENV)/bin/ruff format --check massage_timer tests bench packaging tools
	$(VENV)/bin/mypy

test: setup lint ## set up, lint, and run every test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest --cov --cov-report=term:skip-covered -q

unit: $(STAMP) ## the fast tests only (no Xvfb, no PulseAudio)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not xvfb and not pulse and not slow"

bench: setup ## print the benchmark figures
	@for b in bench/[a-z]*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

wheel: $(STAMP) ## build the wheel into dist/
	$(PY) -m pip wheel --no-deps -q -w dist .
	@ls -1 dist/massage_timer-*.whl

# The self-test runs as a person would start the bundle: no virtual environment, no
# screen (offscreen), only the system's PATH.
bundle: $(STAMP) ## build the one-folder desktop bundle in dist/massage-timer, then self-test it
	@$(PY) -c 'import PyInstaller' 2>/dev/null || $(PY) -m pip install -q -e '.[bundle]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level ERROR \
		--distpath dist --workpath build/pyinstaller packaging/massage-timer.spec
	env -i PATH=/usr/bin:/bin HOME="$$HOME" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
		dist/massage-timer/massage-timer --self-test
	@du -sh dist/massage-timer

translations: $(STAMP) ## extract the messages, update every language's .po and compile the .mo
	$(PY) -m tools.translations

install-desktop: ## install the desktop entry, icon and AppStream metadata for the current user
	@bash packaging/linux/install-desktop.sh

clean: ## remove the virtual environment and build output
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .coverage
