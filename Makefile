# The two commands a newcomer needs: `make site` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: site test golden system-tools serve check bench lint mutation clean

# `make … UV=uv` sets .venv up with uv (pip's interface, several times faster: about 2 s of
# CPU against 14 s for the generator's packages); the Pages workflow does. A .venv made by uv
# has no pip of its own: keep using UV=uv with it, or delete it.
UV ?=
ifeq ($(UV),)
NEW_VENV    = $(PYTHON) -m venv $(VENV)
UPGRADE_PIP = $(BIN)/python -m pip install --quiet --upgrade pip
INSTALL     = $(BIN)/python -m pip install --quiet
else
NEW_VENV    = $(UV) venv --quiet --python $(PYTHON) $(VENV)
UPGRADE_PIP = :
INSTALL     = $(UV) pip install --quiet --python $(BIN)/python
endif

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(NEW_VENV)
	$(UPGRADE_PIP)
	$(INSTALL) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(INSTALL) -e '.[test]'
	touch $@

$(VENV)/.installed-mutation: $(VENV)/.installed-test
	$(INSTALL) -e '.[test,mutation]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# `make site SITE_URL=https://owner.github.io/repo/` builds for where the site is published.
site: $(VENV)/.installed
	$(BIN)/factsheet build $(if $(SITE_URL),--site-url '$(SITE_URL)')

serve: $(VENV)/.installed
	$(BIN)/factsheet serve

check: $(VENV)/.installed
	$(BIN)/factsheet check

# Prerequisites run left to right: system tools (apt) first, then Python and npm packages.
# Two workers, one per core (pytest-xdist), handed tests as tests/conftest.py's `xdist_unit`
# groups them. `make test TEST_WORKERS=0` runs in one process.
TEST_WORKERS ?= 2
test: system-tools $(VENV)/.installed-test node_modules/.installed
	$(BIN)/python -m pytest $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS))

# Rewrites tests/fixtures/*/expected/ from the generator's output: review the diff, then commit.
golden: $(VENV)/.installed-test
	$(BIN)/python -m tests.golden --update

system-tools:
	scripts/ensure-system-tools

# The peer (benchmarks/peer/: plain MkDocs, mkdocs-macros, mkdocs-charts) in a venv of its own.
PEER_VENV := .venv-peer

$(PEER_VENV)/.installed: benchmarks/peer/requirements.txt
	test -x $(PEER_VENV)/bin/python || $(PYTHON) -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/python -m pip install --quiet -r benchmarks/peer/requirements.txt
	touch $@

bench: $(VENV)/.installed $(PEER_VENV)/.installed
	$(BIN)/python benchmarks/run.py

# zizmor audits the workflows with every audit (pedantic); --offline: lint never needs the network.
# mypy reads its settings from pyproject.toml; .pre-commit-config.yaml runs the same four.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/zizmor --offline --persona=pedantic --quiet .github/workflows
	$(BIN)/mypy generator

# Mutation testing of the writer of numbers and dates ([tool.mutmut] in pyproject.toml): not
# part of `make test`, which checks its committed result (tests/test_mutation.py). Starts from
# scratch each time, one worker by default (MUTATION_WORKERS=2 on an idle machine); prints the
# summary per module and fails when a mutant survives that tests/equivalent_mutants.txt lacks.
MUTATION_WORKERS ?= 1
mutation: $(VENV)/.installed-mutation
	rm -rf mutants && mkdir mutants
	@start=$$(date +%s); \
	$(BIN)/mutmut run --max-children $(MUTATION_WORKERS) >mutants/mutmut.log 2>&1 \
		|| { tail -c 2000 mutants/mutmut.log; exit 1; }; \
	echo "mutmut ran in $$(( $$(date +%s) - start )) s with $(MUTATION_WORKERS) worker(s)"
	$(BIN)/python -m tests.mutation_report --write

clean:
	rm -rf site build .cache test-artifacts mutants
