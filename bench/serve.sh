#!/usr/bin/env bash
# The live-workshop load: `samla serve` (release build) on a free loopback port with a new store,
# BENCH_SERVE_CLIENTS concurrent clients (500) posting BENCH_SERVE_TOTAL responses (20,000) to
# /api/responses, then Ctrl-C, and the store counted with the sqlite3 shell. Prints responses/s and
# p50/p99 latency; fails unless every answer got 201 and the store holds exactly that many.
#
#   make bench-serve
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${BENCH_SERVE_CLIENTS:-500}
total=${BENCH_SERVE_TOTAL:-20000}
data=bench/data
mkdir -p "$data" bench/results
ulimit -n 8192 2>/dev/null || true

echo "bench-serve: building samla (release)" >&2
swift build -c release --product samla >/dev/null
samla="$(swift build -c release --show-bin-path)/samla"
store="$data/serve.sqlite"
rm -f "$store" "$store-wal" "$store-shm"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log="$data/serve.log"
"$samla" serve surveys/tnc-workshop.yaml --store "$store" --bind 127.0.0.1 --port "$port" \
    --session "bench" --no-rate-limit >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q '^ready ' "$log" && break; sleep 0.1; done
grep -q '^ready ' "$log" || { echo "bench-serve: the server did not start" >&2; cat "$log" >&2; exit 1; }

result=$(python3 bench/serve_load.py "http://127.0.0.1:$port" --clients "$clients" --total "$total")
kill -INT $server
wait $server || { echo "bench-serve: the server did not stop cleanly" >&2; cat "$log" >&2; exit 1; }
trap - EXIT
stored=$(sqlite3 "$store" "SELECT count(*) FROM response WHERE survey_id = 'tnc-workshop' AND status = 'complete'")
echo "$result" > bench/results/serve.json
python3 - "$result" "$stored" "$total" "$(nproc)" <<'PY'
import json, sys
result, stored, total, cores = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
print(f"bench-serve: {result['clients']} clients, {result['responses']} responses in {result['seconds']} s on loopback ({cores} cores)")
print(f"bench-serve: {result['responses_per_second']} responses/s, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms")
print(f"bench-serve: statuses {result['statuses']}; the store holds {stored} (expected {total})")
ok = stored == total and result["statuses"] == {"201": total}
print("bench-serve: " + ("OK" if ok else "FAILED"))
sys.exit(0 if ok else 1)
PY
