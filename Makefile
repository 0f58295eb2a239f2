# Skaidra: build, check, test and preview the site. See README.md.
#
#   make html       build content/ into output/ (sets up .venv on first run)
#   make test       the whole test suite (what CI runs)
#
# INPUTDIR and OUTPUTDIR point any command at another content or output folder.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
INPUTDIR ?= content
OUTPUTDIR ?= output
PORT ?= 8000
SKAIDRA = $(PY) -m skaidra
DIRS = --input "$(INPUTDIR)" --output "$(OUTPUTDIR)"

.PHONY: html publish check gather umbrella test serve devserver edit clean help translations venv java browser-deps linkcheck bench new-post new-event new-episode new-project deploy

help:
	@echo "make html | publish | deploy | check | gather | umbrella | test | serve | devserver | edit | linkcheck | bench | clean"
	@echo "make new-post | new-event | new-episode | new-project TITLE=\"...\""

$(VENV)/.installed: requirements.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed and was not found." >&2; exit 1; }
	rm -rf "$(VENV)"
	"$(PYTHON)" -m venv "$(VENV)"
	"$(PY)" -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch "$@"

venv: $(VENV)/.installed

html: $(VENV)/.installed
	$(SKAIDRA) html $(DIRS)

publish: $(VENV)/.installed
	$(SKAIDRA) publish $(DIRS)

check: $(VENV)/.installed
	$(SKAIDRA) check $(DIRS) $(if $(STRICT),--strict)

# An umbrella's site: refresh the copies of its members' published files (the network's pages use them).
gather: $(VENV)/.installed
	$(SKAIDRA) gather --input $(INPUTDIR)

# The umbrella example (examples/umbrella/README.md): build the member sites, gather them, build the portal.
UMBRELLA := examples/umbrella
umbrella: $(VENV)/.installed
	for member in kaimas youth; do \
	  SITEURL=https://$$member.example $(SKAIDRA) html --input $(UMBRELLA)/members/$$member/content --output $(UMBRELLA)/members/$$member/output || exit 1; \
	done
	$(SKAIDRA) gather --input $(UMBRELLA)/content
	$(SKAIDRA) html --input $(UMBRELLA)/content --output output.umbrella

# What the browser tests need beyond Python: Debian's Chromium (Playwright's own
# browser download does not work here), Java for the Nu HTML Checker, and
# axe-core from npm. Installed on first use, as root or with sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core

java:
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch "$@"

# The deploy tests' SFTP server: Debian's OpenSSH server (started by the tests on loopback, never as a service).
SSHD := /usr/sbin/sshd
$(SSHD):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssh-server

browser-deps: $(CHROMIUM) java node_modules/.installed $(SSHD)

test: $(VENV)/.installed browser-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	CHROMIUM="$(CHROMIUM)" $(PY) -m pytest -n auto

# New content from a commented template: make new-post TITLE="Pavadinimas"
# (an episode also needs AUDIO=podcast/failas.mp3, a file already under content/media).
new-post new-event new-episode new-project: $(VENV)/.installed
	@test -n "$(TITLE)" || { echo 'Give a title: make $@ TITLE="Pavadinimas"' >&2; exit 1; }
	$(SKAIDRA) new $(subst new-,,$@) "$(TITLE)" --input "$(INPUTDIR)" $(if $(AUDIO),--audio "$(AUDIO)")

linkcheck: $(VENV)/.installed
	$(SKAIDRA) linkcheck $(DIRS)

serve: $(VENV)/.installed
	$(SKAIDRA) serve $(DIRS) --port $(PORT)

devserver: $(VENV)/.installed
	$(SKAIDRA) devserver $(DIRS) --port $(PORT)

# The web editor at http://localhost:8000/admin/, saving into this repository as commits (needs Node.js).
edit: $(VENV)/.installed
	$(SKAIDRA) edit $(DIRS) --port $(PORT)

$(VENV)/.bench-installed: $(VENV)/.installed requirements-bench.txt
	"$(PY)" -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch "$@"

# Build speed, memory and page weight against bare Pelican and Hugo; writes bench/RESULTS.md.
bench: $(VENV)/.bench-installed
	$(PY) -m bench.run

# Publish, then upload to the host site.yaml's `deploy` names, only what changed (`skaidra deploy`;
# DRY_RUN=1 lists what it would do; credentials from the environment, see the guide).
deploy: publish
	$(SKAIDRA) deploy $(DIRS) $(if $(DRY_RUN),--dry-run) $(if $(FORCE),--force)

clean:
	rm -rf "$(OUTPUTDIR)" cache .skaidra-cache .pytest_cache tests/artifacts

# Interface strings (templates, N_()) and messages to editors (say()): extract
# them and update each catalog; then translate every empty msgstr.
translations: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output --omit-header -k N_ -o theme/translations/messages.pot .
	$(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete -i theme/translations/messages.pot -d theme/translations -l lt
	$(VENV)/bin/pybabel extract -F babel-editor.cfg --no-default-keywords -k say -k say_count:1,2 --no-location --sort-output --omit-header -o plugins/skaidra_model/translations/editor.pot .
	$(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete -D editor -i plugins/skaidra_model/translations/editor.pot -d plugins/skaidra_model/translations -l lt
