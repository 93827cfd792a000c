# Otklik: `make run` serves everything locally on the emulators; `make test` runs the test suite; `make lint` checks
# style, complexity and types.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint check-tools venv clean

venv: $(STAMP)

$(STAMP): requirements.txt functions/requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (found %s)" % sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@# functions/ holds the deployable source: make its package importable from the repo root.
	$(PY) -c 'import site, sys; open(site.getsitepackages()[0] + "/otklik-functions.pth", "w").write(sys.argv[1] + "\n")' "$(CURDIR)/functions"
	@touch $(STAMP)

check-tools: $(STAMP)
	@$(PY) -m otklik.devstack.prerequisites

# Keeps its data (Firestore, photos, the demo's secrets and keys) in .otklik/data between runs; FRESH=1 starts empty.
# Logs are readable lines (OTKLIK_LOG_FORMAT=json for the cloud's format); OTKLIK_PORT to change the port.
run: check-tools
	$(PY) -m otklik.devstack.run $(if $(filter-out 0,$(FRESH)),--fresh)

test: check-tools browser
	$(PY) -m pytest -q tests

# The browser tests (tests/browser) drive Debian's Chromium with Playwright: installed here with apt when missing and
# possible (root, apt-get); otherwise they fail at once saying how to get it. OTKLIK_CHROMIUM=/path uses another.
.PHONY: browser
browser:
	@test -n "$$OTKLIK_CHROMIUM" || command -v chromium >/dev/null 2>&1 || \
	  { test "$$(id -u)" = 0 && command -v apt-get >/dev/null 2>&1 && apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "chromium could not be installed: the browser tests will fail; apt-get install chromium, or set OTKLIK_CHROMIUM=/path/to/chromium" >&2

# ruff on all the Python code (its rules and the complexity limit in pyproject.toml), mypy --strict on functions/.
lint: $(STAMP)
	$(PY) -m ruff check functions tests bench tools
	$(PY) -m mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .otklik

.PHONY: soak
soak: check-tools  ## the long reliability cases (10,000 webhooks); OTKLIK_SOAK_EVENTS to change
	$(PY) -m pytest -q -m slow -s tests/reliability

.PHONY: schemas
schemas: $(STAMP)  ## regenerate schemas/ from the models: OpenAPI documents, JSON Schemas of HTTP and Pub/Sub bodies
	$(PY) -m otklik.openapi

.PHONY: lemmas
lemmas: $(STAMP)  ## regenerate the classifier's lemma table after its data files change (tools/lemma_table.py)
	$(PY) -m tools.lemma_table

.PHONY: bench-classify
bench-classify: $(STAMP)
	PYTHONPATH=functions:. $(PY) bench/classify.py

# Not part of `make test`: the functions beside bare baselines on the emulators (bench/run.py; about 9 minutes,
# OTKLIK_BENCH_QUICK=1 for a 2-minute smoke run). Prints a table, writes bench/results.json.
.PHONY: bench bench-console
bench: check-tools browser
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk) || echo "wrk could not be installed: bench/pyload.py generates the load instead (slower; the table says so)" >&2
	$(PY) -m bench.run

# The console alone (bench/console.py): its queue with 1,000 open appeals (server time, documents read per page, first
# paint in Chromium) and its cold start beside the bare function's.
bench-console: check-tools browser
	OTKLIK_BENCH_ONLY=cold,console OTKLIK_BENCH_COLD_FUNCTIONS=console $(PY) -m bench.run

# Applies infra/ to the project of infra/terraform.tfvars (infra/README.md) once the checks that infra/ and the
# code agree pass. TERRAFORM=tofu deploys with OpenTofu.
TERRAFORM ?= terraform
.PHONY: deploy check-terraform
check-terraform:
	@command -v $(TERRAFORM) >/dev/null 2>&1 || { echo "make deploy needs Terraform 1.7+ and '$(TERRAFORM)' is not on PATH: install it from https://developer.hashicorp.com/terraform/install (or OpenTofu, then run make deploy TERRAFORM=tofu)" >&2; exit 1; }

# Bytecode shipped with the source: a cold instance then loads .pyc files instead of compiling every module
# (checked-hash: each is used only while its source's hash matches, whatever the file times in the zip).
.PHONY: bytecode
bytecode: $(STAMP)
	$(PY) -m compileall -q -f --invalidation-mode checked-hash functions
	$(PY) -m otklik.console.templating  # the console's templates as bytecode too (console/templating.py)

deploy: check-terraform $(STAMP)
	$(PY) -m pytest -q tests/infra
	$(MAKE) bytecode
	$(TERRAFORM) -chdir=infra init -input=false
	$(TERRAFORM) -chdir=infra apply
