# Two commands on a fresh machine: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_CLIENTS ?= 2000

.PHONY: install run test lint bench clean messages

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Local demo: migrate, seed once (a second run keeps the data), then web + worker + beat.
run: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_demo --clients $(DEMO_CLIENTS) --if-empty
	DEBUG=true $(BIN)/python manage.py run_signals
	DEBUG=true $(BIN)/python manage.py refresh_figures
	DEBUG=true PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile -p $(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/python manage.py makemigrations --check --dry-run

# Benchmarks on PostgreSQL at full size; prints timings. Drops and recreates BENCH_DATABASE_URL.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/wajong_bench
BENCH_CLIENTS ?= 110000
bench: install
	$(BIN)/python -m benchmarks.recreate_database "$(BENCH_DATABASE_URL)"
	DATABASE_URL="$(BENCH_DATABASE_URL)" DEBUG=true $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL="$(BENCH_DATABASE_URL)" DEBUG=true \
		$(BIN)/python manage.py seed_demo --clients $(BENCH_CLIENTS)
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py bench_signals
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py bench_reports
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py bench_import

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache

# Update the English catalogue (msgids are Dutch) and compile it; needs GNU gettext.
messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=staticfiles --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv
