# Otklik: `make run` serves everything locally on the emulators; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test check-tools venv clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (found %s)" % sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@# functions/ holds the deployable source: make its package importable from the repo root.
	$(PY) -c 'import site, sys; open(site.getsitepackages()[0] + "/otklik-functions.pth", "w").write(sys.argv[1] + "\n")' "$(CURDIR)/functions"
	@touch $(STAMP)

check-tools: $(STAMP)
	@$(PY) -m otklik.devstack.prerequisites

run: check-tools
	$(PY) -m otklik.devstack.run

test: check-tools
	$(PY) -m pytest -q tests

clean:
	rm -rf $(VENV) .pytest_cache .otklik

.PHONY: bench-classify
bench-classify: $(STAMP)
	$(PY) bench/classify.py
	$(PY) bench/classify.py --set tests/data/classification_holdout.jsonl
