# Kragle Schedules: the two commands.
#   make run   build the release app and serve it on http://127.0.0.1:3000
#   make test  every test: unit, integration (real PostgreSQL), end-to-end (Chromium)
#   make bench the performance benchmark (not part of make test; see bench/RESULTS.md)
#   make soak  the long reliability tests: load, database faults, two instances, shutdown
# Both install what is missing first (see .ci/setup.sh) and skip what is present.

SHELL := /bin/bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test setup build bench soak

setup:
	@.ci/setup.sh

build: setup
	@.ci/site.sh

run: build
	@exec ./target/release/kragle-schedules serve

test:
	@.ci/test.sh

bench:
	@bench/run.sh

soak:
	@tests/soak/run.sh
