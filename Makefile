# Two commands on a fresh machine: `make run` and `make test`. Both create .venv/ on first use.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-16)
ARGS ?=
PYTEST_ARGS ?=

.PHONY: run test setup browser redis voices

run: setup voices
	$(PY) app.py $(ARGS)

# The tests run two at a time (one per core; a file's tests stay together, sharing what they load), then those that
# hold the machine to a deadline (marked `alone`) with nothing beside them. Both parts always run; either one failing
# fails the target (5, nothing selected, is not a failure: PYTEST_ARGS may pick tests of one part only).
test: setup browser redis voices
	@$(PY) -m pytest -n 2 --dist loadfile -m "not alone" $(PYTEST_ARGS); shared=$$?; \
	$(PY) -m pytest -m alone $(PYTEST_ARGS); alone=$$?; \
	for code in $$shared $$alone; do [ $$code = 0 ] || [ $$code = 5 ] || exit $$code; done

# Debian packages the tests use, each installed when its command is missing (root or sudo):
# $(call debian,COMMAND,PACKAGES)
debian = command -v $(1) >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(2); }

# The browser tests drive Debian's Chromium.
browser:
	@$(call debian,chromium,chromium fonts-noto-color-emoji)

# The replica tests start Debian's redis-server on a loopback port.
redis:
	@$(call debian,redis-server,redis-server)

# espeak-ng tells how words sound (a voice message's sound-alikes of the shop's words); the voice tests
# also speak Chinese (and a second English voice) with it.
voices:
	@$(call debian,espeak-ng,espeak-ng)

setup: $(STAMP)

# torch is installed on its own first so that no other package can pull a CUDA build;
# llama-cpp-python compiles once (portable flags) and pip's wheel cache keeps it.
$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAMA_CURL=OFF" $(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip check
	rm -f $(VENV)/.installed-*
	touch $@
