# Samla: the two commands of the quick start, and the benchmark.
SWIFT ?= swift
SURVEY := surveys/tnc-workshop.yaml
EXAMPLE := surveys/examples/tnc-workshop-responses.csv
DEMO_STORE := output/demo.sqlite
SAMLA = $(shell $(SWIFT) build --show-bin-path)/samla

.PHONY: demo test build deps test-deps bench bench-serve clean

## Installs what is missing, builds, and runs the main job on the bundled example.
demo: deps build
	@mkdir -p output
	@rm -f $(DEMO_STORE) $(DEMO_STORE)-wal $(DEMO_STORE)-shm
	$(SAMLA) validate $(SURVEY)
	$(SAMLA) import $(SURVEY) $(EXAMPLE) --store $(DEMO_STORE) --session "Umeå 2025-03-12"
	$(SAMLA) summary $(SURVEY) --store $(DEMO_STORE)
	$(SAMLA) export $(SURVEY) --store $(DEMO_STORE) --xlsx output/tnc-workshop.xlsx

## Builds and runs every test (unit, store with real processes, end-to-end through pipes and tmux).
## Lines come out as they are written and a hung test ends the run after 40 minutes, so a log
## always shows which test it stopped in.
test: test-deps
	$(SWIFT) build --build-tests
	timeout --kill-after=30 2400 stdbuf -oL -eL $(SWIFT) test --skip-build --disable-swift-testing

build:
	$(SWIFT) build

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --with-test-tools

## Import + export against pandas + XlsxWriter and the libxlsxwriter floor at 10k, 100k and 1M responses,
## then the live-workshop load on `samla serve`.
bench: deps
	bench/run.sh
	bench/serve.sh

## `samla serve` under 500 concurrent clients posting 20,000 responses on loopback.
bench-serve: deps
	bench/serve.sh

clean:
	rm -rf .build output/*.xlsx output/*.sqlite*
