# VinylDigger: `make run` installs what is missing and starts the embedded app;
# `make test` runs every test. See README.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/uv/bin/uv)
VENV := backend/.venv
VD := $(VENV)/bin/vinyldigger
NPM ?= npm
OPENAPI := frontend/src/lib/api/openapi.json

export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

DEMO_DIR ?= data/demo
SANDBOX_PORT ?= 8765

.PHONY: help install run api demo up-local test test-backend test-frontend test-extension e2e lint lint-backend \
	lint-frontend lint-extension extension bench api-client clean

help:
	@echo "make run    install what is missing, build the web app, start the embedded mode"
	@echo "make test   every test (backend on PostgreSQL, SQLite and Redis; frontend; e2e in Chromium)"
	@echo "make lint   ruff, mypy --strict, eslint, tsc, generated API client up to date"
	@echo "make bench  run the benchmarks (figures in backend/benchmarks/results/);"
	@echo "            one of them: make bench BENCH=optimizer ARGS=\"--sizes 500\""
	@echo "make demo   the sandbox marketplace plus the app with a linked demo account"
	@echo "make up-local  distributed mode on local PostgreSQL + Redis (api, 2 workers, scheduler)"
	@echo "make e2e    the user journey in Chromium against the sandbox (screenshots in frontend/e2e/screenshots/)"
	@echo "make extension  build the browser companion into extension/dist (load it unpacked)"

# uv itself, when the machine has none: a private copy under .tools/.
$(CURDIR)/.tools/uv/bin/uv:
	$(PYTHON) -m venv $(CURDIR)/.tools/uv
	$(CURDIR)/.tools/uv/bin/pip install --quiet --disable-pip-version-check uv

$(VD): backend/pyproject.toml backend/uv.lock | $(UV)
	cd backend && $(UV) sync --frozen
	@touch $@

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && $(NPM) ci --no-audit --no-fund
	@touch $@

FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/package.json

frontend/dist/index.html: frontend/node_modules/.package-lock.json $(FRONTEND_SOURCES)
	cd frontend && $(NPM) run build

# The browser companion (extension/): its own packages, built with esbuild into extension/dist.
extension/node_modules/.package-lock.json: extension/package-lock.json
	cd extension && $(NPM) ci --no-audit --no-fund
	@touch $@

EXTENSION_SOURCES := $(shell find extension/src extension/static -type f 2>/dev/null) \
	extension/build.mjs extension/package.json

extension/dist/manifest.json: extension/node_modules/.package-lock.json $(EXTENSION_SOURCES)
	cd extension && $(NPM) run build

extension: extension/dist/manifest.json

install: $(VD) frontend/node_modules/.package-lock.json extension/node_modules/.package-lock.json

run: install frontend/dist/index.html extension
	$(VD) run

api: install
	$(VD) api

# Distributed mode on the local PostgreSQL and Redis: api, two workers, scheduler.
up-local: install frontend/dist/index.html
	scripts/up-local.sh

# The sandbox marketplace in the background (today's world, its log in DEMO_DIR), a demo
# account linked to it, then the app; the address and the account are printed once it answers.
demo: install frontend/dist/index.html
	@mkdir -p $(DEMO_DIR)
	@$(VD) sandbox --port $(SANDBOX_PORT) --size demo --start-date $$(date -u +%F) \
		> $(DEMO_DIR)/sandbox.log 2>&1 & \
	sandbox_pid=$$!; trap 'kill $$sandbox_pid 2>/dev/null' EXIT INT TERM; \
	$(VD) demo-setup --sandbox-url http://127.0.0.1:$(SANDBOX_PORT) \
		--data-dir $(DEMO_DIR) --env-file $(DEMO_DIR)/demo.env && \
	set -a && . $(DEMO_DIR)/demo.env && set +a && \
	$(VD) run --ready-note "$$(cat $(DEMO_DIR)/welcome.txt)"

test: test-backend test-frontend test-extension e2e

test-backend: $(VD)
	cd backend && $(UV) run --frozen pytest

test-frontend: frontend/node_modules/.package-lock.json
	cd frontend && $(NPM) test

test-extension: extension/node_modules/.package-lock.json
	cd extension && $(NPM) test

# Playwright drives the system's Chromium (/usr/bin/chromium); it downloads no browser.
E2E_DEPS := frontend/e2e/node_modules/.package-lock.json

$(E2E_DEPS): frontend/e2e/package-lock.json
	cd frontend/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(NPM) ci --no-audit --no-fund
	@touch $@

e2e: install $(E2E_DEPS) frontend/dist/index.html extension
	cd frontend/e2e && $(NPM) test

lint: lint-backend lint-frontend lint-extension

lint-backend: $(VD)
	cd backend && $(UV) run --frozen ruff check .
	cd backend && $(UV) run --frozen ruff format --check .
	cd backend && $(UV) run --frozen mypy --strict src tests benchmarks

lint-frontend: install $(E2E_DEPS)
	@# Compared as JSON values (numbers as floats): the client tooling rewrites the file
	@# through JavaScript, which reorders numeric keys and rounds large integers.
	@$(VD) openapi | $(VENV)/bin/python -c 'import json, sys; \
		load = lambda f: json.load(f, parse_int=float); \
		sys.exit(load(sys.stdin) != load(open(sys.argv[1])))' $(OPENAPI) || \
		{ echo "$(OPENAPI) is out of date: run 'make api-client'"; exit 1; }
	cd frontend && $(NPM) run check:api
	cd frontend && $(NPM) run lint
	cd frontend && $(NPM) run typecheck
	cd frontend/e2e && $(NPM) run typecheck

lint-extension: extension/node_modules/.package-lock.json
	cd extension && $(NPM) run lint
	cd extension && $(NPM) run typecheck

api-client: $(VD) frontend/node_modules/.package-lock.json
	$(VD) openapi > $(OPENAPI)
	cd frontend && $(NPM) run gen:api

# make bench BENCH=optimizer ARGS="--sizes 500 1000": one benchmark, with its options.
BENCH ?= [!_]*
bench: $(VD)
	@set -e; for script in backend/benchmarks/$(BENCH).py; do \
		echo "== $$script"; (cd backend && $(UV) run --frozen python $${script#backend/} $(ARGS)); \
	done

clean:
	rm -rf frontend/dist extension/dist backend/benchmarks/results
