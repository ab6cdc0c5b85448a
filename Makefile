# credbridge: `make run` starts the service, `make test` runs the checks, `make bench` measures.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test lint bench fixtures fuzz corpus-deps corpus corpus-sample eval train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/credbridge serve

lint: install
	$(PY) -m ruff check src adapters tests bench corpus fuzz
	$(PY) -m mypy src

test: install lint
	$(PY) -m pytest

bench: install
	$(PY) bench/run.py

fixtures: install
	$(PY) fixtures/make_all.py

# Coverage-guided fuzzing (fuzz/run.py): each target for FUZZ_SECONDS; exit 1 on any crash, saved
# under FUZZ_CRASHES/TARGET/ (replay one: $(PY) -m fuzz.run TARGET --replay FILE).
# FUZZ_RUNS caps the inputs per target: with the fixed seed, the same inputs on every machine.
FUZZ_SECONDS ?= 300
FUZZ_RUNS ?= 0
FUZZ_CRASHES ?= fuzz-crashes
fuzz: install
	$(PY) -m pip install --quiet -e '.[fuzz]'
	$(PY) -m fuzz.run --seconds $(FUZZ_SECONDS) --runs $(FUZZ_RUNS) --crash-dir $(FUZZ_CRASHES) --work-dir fuzz-work

# The labelled corpus (corpus/README.md): third-party renderers need Debian and npm packages.
CORPUS      ?= $(HOME)/.cache/credbridge-corpus
CORPUS_SEED ?= 11
CORPUS_SCALE ?= 1.0
CORPUS_DEBS := chromium pandoc poppler-utils libreoffice-writer-nogui groff ghostscript \
               texlive-latex-extra texlive-xetex texlive-luatex texlive-fonts-recommended lmodern \
               fonts-dejavu fonts-liberation

corpus-deps: install
	@missing=$$(for p in $(CORPUS_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	$(PY) -m pip install --quiet -e '.[dev,corpus]'
	cd corpus/renderers/jsonresume && npm ci --no-audit --no-fund --loglevel=error

corpus: corpus-deps
	$(PY) -m corpus.build --out $(CORPUS) --seed $(CORPUS_SEED) --scale $(CORPUS_SCALE)

corpus-sample: install
	$(PY) -m corpus.sample $(CORPUS) fixtures/corpus-sample

eval: install
	$(PY) -m corpus.evaluate $(CORPUS) --details $(CORPUS)/details.txt \
	    --fitted-on src/credbridge/resume/models/entries.renderers.txt

# The line model (corpus/train.py): fold models under $(CORPUS)/line-models score each renderer
# held out (leave-one-renderer-out); the model trained on every open renderer ships in the package.
train: install
	$(PY) -m corpus.train $(CORPUS) --seed $(CORPUS_SEED)
	$(PY) -m corpus.evaluate $(CORPUS) --line-models $(CORPUS)/line-models --details $(CORPUS)/details-loro.txt

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .ruff_cache fuzz-work fuzz-crashes
