#!/usr/bin/env bash
# The benchmark: for each size, samla import + samla export, the pandas + XlsxWriter peer, and the
# libxlsxwriter floor, measured in one run on the same exports (wall time and peak memory), with
# samla's totals checked against the generator's truth. Ratios carry across machines; seconds do not.
#
#   make bench                         # 10,000, 100,000 and 1,000,000 responses
#   BENCH_SIZES="10000 100000" make bench
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
swift build -c release --product samla >/dev/null
samla="$(swift build -c release --show-bin-path)/samla"
cc -O2 -o "$data/floor" "$shared/floor.c" -lxlsxwriter

# Exports are cached between runs: the generator is deterministic for a seed.
for n in $sizes; do
    if [ ! -s "$data/export-$n.csv" ] || [ ! -s "$data/truth-$n.json" ]; then
        echo "bench: generating $n responses" >&2
        python3 "$shared/gen.py" "$shared/bench-survey.yaml" --rows "$n" --seed 1 \
            --out "$data/export-$n.csv" --truth "$data/truth-$n.json"
    fi
    # The same export as an .xlsx workbook (shared strings, date cells), for the .xlsx import.
    if [ ! -s "$data/export-$n.xlsx" ] || [ "$data/export-$n.csv" -nt "$data/export-$n.xlsx" ]; then
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
    # The same rows from the workbook, into a store of its own; its totals are checked too.
    xlsx_store="$data/store-xlsx-$n.sqlite"
    rm -f "$xlsx_store" "$xlsx_store-wal" "$xlsx_store-shm"
    measure samla-import-xlsx "$n" "$samla" import "$shared/bench-survey.yaml" "$data/export-$n.xlsx" --store "$xlsx_store"
    "$samla" summary "$shared/bench-survey.yaml" --store "$xlsx_store" --json > "$data/summary-xlsx-$n.json"
    python3 bench/check_truth.py "$data/summary-xlsx-$n.json" "$data/truth-$n.json" >> "$results/truth.log" \
        && printf 'truth-xlsx\t%s\tok\t0\n' "$n" >> "$table" \
        || { printf 'truth-xlsx\t%s\tMISMATCH\t0\n' "$n" >> "$table"; echo "bench: .xlsx totals differ from --truth at $n (bench/results/truth.log)" >&2; }
    measure samla-export "$n" "$samla" export "$shared/bench-survey.yaml" --store "$store" --xlsx "$data/samla-$n.xlsx"
    # The same workbook with the fast path under libxlsxwriter off (its public API alone: zlib's
    # default level), and the responses as JSON.
    measure samla-export-off "$n" env SAMLA_XLSX_FAST_PATHS=off "$samla" export "$shared/bench-survey.yaml" --store "$store" \
        --xlsx "$data/samla-off-$n.xlsx"
    measure samla-export-json "$n" "$samla" export "$shared/bench-survey.yaml" --store "$store" --json "$data/samla-$n.json"
    # The same workbook packed at zlib's default level, as the peer and the floor pack theirs.
    measure samla-export-small "$n" "$samla" export "$shared/bench-survey.yaml" --store "$store" \
        --xlsx "$data/samla-small-$n.xlsx" --compression small
    measure samla-summary "$n" "$samla" summary "$shared/bench-survey.yaml" --store "$store" --json
    "$samla" summary "$shared/bench-survey.yaml" --store "$store" --json > "$data/summary-$n.json"
    python3 bench/check_truth.py "$data/summary-$n.json" "$data/truth-$n.json" >> "$results/truth.log" \
        && printf 'truth\t%s\tok\t0\n' "$n" >> "$table" \
        || { printf 'truth\t%s\tMISMATCH\t0\n' "$n" >> "$table"; echo "bench: totals differ from --truth at $n (bench/results/truth.log)" >&2; }
    measure peer "$n" python3 "$shared/baseline_pandas.py" "$shared/bench-survey.yaml" "$data/export-$n.csv" "$data/peer-$n.xlsx"
    measure floor "$n" "$data/floor" "$data/export-$n.csv" "$data/floor-$n.xlsx"
    for file in samla samla-small samla-off peer floor; do
        printf 'bytes-%s\t%s\t%s\t0\n' "$file" "$n" "$(stat -c %s "$data/$file-$n.xlsx")" >> "$table"
    done
done

python3 bench/report.py "$table" | tee "$results/latest.md"
