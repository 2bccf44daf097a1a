# Samla: the two commands of the quick start, and the benchmark.
SWIFT ?= swift
SURVEY := surveys/tnc-workshop.yaml
EXAMPLE := surveys/examples/tnc-workshop-responses.csv
DEMO_STORE := output/demo.sqlite
SAMLA = $(shell $(SWIFT) build --show-bin-path)/samla

.PHONY: demo test test-other-libxlsxwriter build deps test-deps bench bench-serve clean

## Installs what is missing, builds, and runs the main job on the bundled example.
demo: deps build
	@mkdir -p output
	@rm -f $(DEMO_STORE) $(DEMO_STORE)-wal $(DEMO_STORE)-shm
	$(SAMLA) validate $(SURVEY)
	$(SAMLA) import $(SURVEY) $(EXAMPLE) --store $(DEMO_STORE) --session "Umeå 2025-03-12"
	$(SAMLA) summary $(SURVEY) --store $(DEMO_STORE)
	$(SAMLA) export $(SURVEY) --store $(DEMO_STORE) --xlsx output/tnc-workshop.xlsx

## Builds and runs every test (unit, store with real processes, end-to-end through pipes and tmux),
## then the tests that write workbooks again with the fast paths under libxlsxwriter off, as
## libxlsxwriter's API alone writes (SAMLA_XLSX_FAST_PATHS=off; see ARCHITECTURE.md).
## Lines come out as they are written and a hung test ends the run after 40 minutes, so a log
## always shows which test it stopped in.
## The store tests run against SQLite and against a throwaway PostgreSQL cluster started here
## (scripts/test-postgres.sh) and stopped after, whatever the tests' outcome.
WORKBOOK_TESTS := XLSXWriterTests|XLSXReaderTests|ExportWorkbookTests|WorkbookWhileSummarizingTests|ComparisonWorkbookTests|PrintLayoutTests|ExportEndToEndTests|ContactExportEndToEndTests|XLSXEndToEndTests|LayoutEndToEndTests
test: test-deps
	$(SWIFT) build --build-tests
	scripts/test-postgres.sh start
	SAMLA_TEST_POSTGRES_URL=$$(scripts/test-postgres.sh url) \
	timeout --kill-after=30 2400 stdbuf -oL -eL $(SWIFT) test --skip-build --disable-swift-testing; \
	status=$$?; scripts/test-postgres.sh stop; [ $$status -eq 0 ] || exit $$status
	SAMLA_XLSX_FAST_PATHS=off timeout --kill-after=30 1200 stdbuf -oL -eL $(SWIFT) test --skip-build --disable-swift-testing --filter '$(WORKBOOK_TESTS)'

## The workbook tests built with and run on Debian 13's libxlsxwriter (1.2), fast paths on and off.
test-other-libxlsxwriter: test-deps
	WORKBOOK_TESTS='$(WORKBOOK_TESTS)' timeout --kill-after=30 3000 scripts/test-other-libxlsxwriter.sh

build:
	$(SWIFT) build

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --with-test-tools

## Import + export against pandas + XlsxWriter and the libxlsxwriter floor at 10k, 100k and 1M responses,
## then the same on PostgreSQL (a throwaway cluster; summary and export beside SQLite's), then the
## live-workshop load on `samla serve`.
bench: test-deps
	bench/run.sh
	bench/serve.sh

## `samla serve` under 500 concurrent clients posting 20,000 responses on loopback.
bench-serve: deps
	bench/serve.sh

clean:
	rm -rf .build output/*.xlsx output/*.sqlite*
