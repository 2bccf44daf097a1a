#!/usr/bin/env bash
# The benchmark: for each size, samla import + samla export, the pandas + XlsxWriter peer, and the
# libxlsxwriter floor, measured in one run on the same exports (wall time and peak memory), with
# samla's totals checked against the generator's truth. Ratios carry across machines; seconds do not.
#
#   make bench                         # 10,000, 100,000 and 1,000,000 responses
#   BENCH_SIZES="10000 100000" make bench
#   BENCH_POSTGRES_SIZES=none make bench   # without the PostgreSQL part (default: the same sizes)
#   BENCH_STORES_ONLY=1 bench/run.sh       # samla's import, export and summary on SQLite and PostgreSQL
#                                          # only (no .xlsx import, export variants, peer or floor)
set -euo pipefail
cd "$(dirname "$0")/.."

shared=../shared/bench
data=bench/data
results=bench/results
mkdir -p "$data" "$results"
sizes=${BENCH_SIZES:-"10000 100000 1000000"}

command -v /usr/bin/time >/dev/null || { echo "bench: installing time"; apt-get install -y -qq time >/dev/null; }
python3 -c "import pandas, xlsxwriter, yaml, openpyxl" 2>/dev/null || python3 -m pip install -q pandas xlsxwriter pyyaml openpyxl

echo "bench: building samla (release) and the floor" >&2
# BENCH_SCRATCH_PATH builds in another folder than .build (a release build beside a debug one).
scratch=(${BENCH_SCRATCH_PATH:+--scratch-path "$BENCH_SCRATCH_PATH"})
swift build -c release --product samla "${scratch[@]}" >/dev/null
samla="$(swift build -c release "${scratch[@]}" --show-bin-path)/samla"
cc -O2 -o "$data/floor" "$shared/floor.c" -lxlsxwriter

# Exports are cached between runs: the generator is deterministic for a seed.
for n in $sizes; do
    if [ ! -s "$data/export-$n.csv" ] || [ ! -s "$data/truth-$n.json" ]; then
        echo "bench: generating $n responses" >&2
        python3 "$shared/gen.py" "$shared/bench-survey.yaml" --rows "$n" --seed 1 \
            --out "$data/export-$n.csv" --truth "$data/truth-$n.json"
    fi
    # The same export as an .xlsx workbook (shared strings, date cells), for the .xlsx import.
    if [ -z "${BENCH_STORES_ONLY:-}" ] && { [ ! -s "$data/export-$n.xlsx" ] || [ "$data/export-$n.csv" -nt "$data/export-$n.xlsx" ]; }; then
        echo "bench: writing $n responses as .xlsx" >&2
        python3 bench/make_xlsx.py "$data/export-$n.csv" "$data/export-$n.xlsx"
    fi
done

# measure NAME SIZE COMMAND...: appends "name size seconds peak_kib cpu_seconds" to the table. The
# CPU seconds (user + system) are shown beside the wall time: on a shared machine the wall time
# moves with everyone else's load, the CPU time much less.
table="$results/latest.tsv"
: > "$table"
measure() {
    local name=$1 size=$2; shift 2
    local stats="$data/time.$$"
    if ! /usr/bin/time -f "%e %M %U %S" -o "$stats" "$@" >"$data/$name-$size.log" 2>&1; then
        echo "bench: $name at $size failed; see $data/$name-$size.log" >&2
        tail -5 "$data/$name-$size.log" >&2
        exit 1
    fi
    read -r seconds kib user system < <(tail -1 "$stats")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$seconds" "$kib" "$(echo "$user + $system" | bc -l)" >> "$table"
    printf 'bench: %-14s %8s responses  %7.2f s  %7.1f MB\n' "$name" "$size" "$seconds" "$(echo "$kib/1024" | bc -l)" >&2
}

for n in $sizes; do
    store="$data/store-$n.sqlite"
    rm -f "$store" "$store-wal" "$store-shm"
    measure samla-import "$n" "$samla" import "$shared/bench-survey.yaml" "$data/export-$n.csv" --store "$store"
    if [ -z "${BENCH_STORES_ONLY:-}" ]; then
        # The same rows from the workbook, into a store of its own; its totals are checked too.
        xlsx_store="$data/store-xlsx-$n.sqlite"
        rm -f "$xlsx_store" "$xlsx_store-wal" "$xlsx_store-shm"
        measure samla-import-xlsx "$n" "$samla" import "$shared/bench-survey.yaml" "$data/export-$n.xlsx" --store "$xlsx_store"
        "$samla" summary "$shared/bench-survey.yaml" --store "$xlsx_store" --json > "$data/summary-xlsx-$n.json"
        python3 bench/check_truth.py "$data/summary-xlsx-$n.json" "$data/truth-$n.json" >> "$results/truth.log" \
            && printf 'truth-xlsx\t%s\tok\t0\n' "$n" >> "$table" \
            || { printf 'truth-xlsx\t%s\tMISMATCH\t0\n' "$n" >> "$table"; echo "bench: .xlsx totals differ from --truth at $n (bench/results/truth.log)" >&2; }
    fi
    measure samla-export "$n" "$samla" export "$shared/bench-survey.yaml" --store "$store" --xlsx "$data/samla-$n.xlsx"
    if [ -z "${BENCH_STORES_ONLY:-}" ]; then
        # The same workbook with the fast path under libxlsxwriter off (its public API alone: zlib's
        # default level), and the responses as JSON.
        measure samla-export-off "$n" env SAMLA_XLSX_FAST_PATHS=off "$samla" export "$shared/bench-survey.yaml" --store "$store" \
            --xlsx "$data/samla-off-$n.xlsx"
        measure samla-export-json "$n" "$samla" export "$shared/bench-survey.yaml" --store "$store" --json "$data/samla-$n.json"
        # The same workbook packed at zlib's default level, as the peer and the floor pack theirs.
        measure samla-export-small "$n" "$samla" export "$shared/bench-survey.yaml" --store "$store" \
            --xlsx "$data/samla-small-$n.xlsx" --compression small
    fi
    measure samla-summary "$n" "$samla" summary "$shared/bench-survey.yaml" --store "$store" --json
    "$samla" summary "$shared/bench-survey.yaml" --store "$store" --json > "$data/summary-$n.json"
    python3 bench/check_truth.py "$data/summary-$n.json" "$data/truth-$n.json" >> "$results/truth.log" \
        && printf 'truth\t%s\tok\t0\n' "$n" >> "$table" \
        || { printf 'truth\t%s\tMISMATCH\t0\n' "$n" >> "$table"; echo "bench: totals differ from --truth at $n (bench/results/truth.log)" >&2; }
    [ -n "${BENCH_STORES_ONLY:-}" ] && continue
    measure peer "$n" python3 "$shared/baseline_pandas.py" "$shared/bench-survey.yaml" "$data/export-$n.csv" "$data/peer-$n.xlsx"
    measure floor "$n" "$data/floor" "$data/export-$n.csv" "$data/floor-$n.xlsx"
    for file in samla samla-small samla-off peer floor; do
        printf 'bytes-%s\t%s\t%s\t0\n' "$file" "$n" "$(stat -c %s "$data/$file-$n.xlsx")" >> "$table"
    done
done

# The same export imported into PostgreSQL, summarised (from the counts the server keeps as responses
# are written, with only the analysed texts read; again grouping the answers at summary time as
# before those counts, SAMLA_POSTGRES_COUNTING=scan; with every response it can grouped,
# SAMLA_POSTGRES_COUNTING=groups; and reading every response as SQLite's path does,
# SAMLA_POSTGRES_COUNTING=rows) and exported,
# beside SQLite's figures above. A throwaway cluster of the bench's own (scripts/test-postgres.sh,
# with a state file apart from the tests'), stopped at the end. /usr/bin/time sees only samla: the
# server's CPU seconds around each command are added as a column of their own (bench/pg_cpu.py).
pg_sizes=${BENCH_POSTGRES_SIZES:-$sizes}
if [ "$pg_sizes" != none ]; then
    export SAMLA_POSTGRES_STATE=.build/bench-postgres.state
    scripts/test-postgres.sh start
    trap 'scripts/test-postgres.sh stop' EXIT
    server=$(scripts/test-postgres.sh url)
    postmaster=$(head -1 "$(sed -n 's/^dir=//p' "$SAMLA_POSTGRES_STATE")/data/postmaster.pid")
    measure_pg() {
        local name=$1 size=$2; shift 2
        local before after
        before=$(python3 bench/pg_cpu.py "$postmaster")
        measure "$name" "$size" "$@"
        after=$(python3 bench/pg_cpu.py "$postmaster")
        # The server's CPU seconds as a sixth column of the row just written.
        sed -i '$ s/$/\t'"$(echo "$after - $before" | bc -l)"'/' "$table"
    }
    for n in $pg_sizes; do
        psql "$server" -X -q -c "DROP DATABASE IF EXISTS bench_$n" -c "CREATE DATABASE bench_$n"
        url="${server%/*}/bench_$n"
        measure_pg samla-pg-import "$n" "$samla" import "$shared/bench-survey.yaml" "$data/export-$n.csv" --store "$url"
        measure_pg samla-pg-summary "$n" "$samla" summary "$shared/bench-survey.yaml" --store "$url" --json
        "$samla" summary "$shared/bench-survey.yaml" --store "$url" --json > "$data/summary-pg-$n.json"
        # Counted on the server, the summary is SQLite's to the byte.
        if cmp -s "$data/summary-pg-$n.json" "$data/summary-$n.json"; then same=ok; else
            same=DIFFERENT; echo "bench: the PostgreSQL summary differs from SQLite's at $n" >&2; fi
        printf 'pg-same\t%s\t%s\t0\n' "$n" "$same" >> "$table"
        measure_pg samla-pg-summary-scan "$n" env SAMLA_POSTGRES_COUNTING=scan "$samla" summary "$shared/bench-survey.yaml" \
            --store "$url" --json
        SAMLA_POSTGRES_COUNTING=scan "$samla" summary "$shared/bench-survey.yaml" --store "$url" --json > "$data/summary-pg-scan-$n.json"
        cmp -s "$data/summary-pg-scan-$n.json" "$data/summary-$n.json" \
            || { sed -i "s/^pg-same\t$n\tok/pg-same\t$n\tDIFFERENT/" "$table"; echo "bench: the PostgreSQL summary grouped at summary time differs from SQLite's at $n" >&2; }
        measure_pg samla-pg-summary-rows "$n" env SAMLA_POSTGRES_COUNTING=rows "$samla" summary "$shared/bench-survey.yaml" \
            --store "$url" --json
        # Every response the server can group grouped, however many wrote text to analyse (by
        # default those rows come whole, and where they are most, every row does).
        measure_pg samla-pg-summary-groups "$n" env SAMLA_POSTGRES_COUNTING=groups "$samla" summary "$shared/bench-survey.yaml" \
            --store "$url" --json
        SAMLA_POSTGRES_COUNTING=groups "$samla" summary "$shared/bench-survey.yaml" --store "$url" --json > "$data/summary-pg-groups-$n.json"
        cmp -s "$data/summary-pg-groups-$n.json" "$data/summary-$n.json" \
            || { sed -i "s/^pg-same\t$n\tok/pg-same\t$n\tDIFFERENT/" "$table"; echo "bench: the grouped PostgreSQL summary differs from SQLite's at $n" >&2; }
        measure_pg samla-pg-export "$n" "$samla" export "$shared/bench-survey.yaml" --store "$url" --xlsx "$data/samla-pg-$n.xlsx"
    done
fi

python3 bench/report.py "$table" | tee "$results/latest.md"
