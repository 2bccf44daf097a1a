#!/usr/bin/env python3
"""Prints the benchmark table: wall time, CPU time and peak memory of samla, the peer and the floor
at each size, and the ratios that carry across machines (samla/peer, export/floor); then the
workbooks' sizes, since samla packs faster and looser by default (`--compression small` packs as the
others), and the export with the fast path under libxlsxwriter off (`SAMLA_XLSX_FAST_PATHS=off`)."""
import sys
from collections import defaultdict

rows = defaultdict(dict)
for line in open(sys.argv[1]):
    fields = line.rstrip("\n").split("\t")
    name, size, seconds, kib = fields[:4]
    cpu = float(fields[4]) if len(fields) > 4 else 0.0
    # PostgreSQL rows: the server's CPU seconds around the command.
    server = float(fields[5]) if len(fields) > 5 else 0.0
    rows[int(size)][name] = (seconds, int(kib), cpu, server)


def t(entry):
    return float(entry[0])


def cpu(entry):
    return entry[2]


def mb(entry):
    return entry[1] / 1024


def file_mb(entry):
    return int(entry[0]) / 1e6


def run(entry):
    """Wall seconds, CPU seconds in brackets, peak memory."""
    return f"{t(entry):.2f} s ({cpu(entry):.2f}), {mb(entry):.0f} MB"


print("Wall seconds, (CPU seconds: user + system), peak resident memory; ratios of wall times, "
      "with the CPU-time ratio in brackets.")
print()
print("| responses | samla import | samla export (xlsx) | samla export --json | samla summary | peer (pandas + XlsxWriter) "
      "| floor (libxlsxwriter) | peer / (import + export) | export / floor | json / floor | totals = truth |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
# A run of samla's stores only (BENCH_STORES_ONLY) has no peer, floor or export variants.
full = [size for size in sorted(rows) if "peer" in rows[size]]
for size in full:
    r = rows[size]
    imp, exp, peer, floor, summ = r["samla-import"], r["samla-export"], r["peer"], r["floor"], r["samla-summary"]
    json = r.get("samla-export-json")
    total, total_cpu = t(imp) + t(exp), cpu(imp) + cpu(exp)
    json_cells = (run(json), f"{t(json) / t(floor):.2f} ({cpu(json) / cpu(floor):.2f})") if json else ("–", "–")
    print(f"| {size:,} | {run(imp)} | {run(exp)} | {json_cells[0]} | {run(summ)} | {run(peer)} | {run(floor)} "
          f"| {t(peer) / total:.1f}× ({cpu(peer) / total_cpu:.1f}×) | {t(exp) / t(floor):.2f} ({cpu(exp) / cpu(floor):.2f}) "
          f"| {json_cells[1]} | {r.get('truth', ('?',))[0]} |")

print()
print("| responses | export, fast path off | its export / floor | export, `--compression small` | its export / floor "
      "| workbook: samla | samla small | samla, fast path off | peer | floor |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for size in full:
    r = rows[size]
    small, floor = r["samla-export-small"], r["floor"]
    off = r.get("samla-export-off")
    off_cells = (run(off), f"{t(off) / t(floor):.2f} ({cpu(off) / cpu(floor):.2f})") if off else ("–", "–")
    sizes = " | ".join(f"{file_mb(r['bytes-' + name]):.1f} MB" if 'bytes-' + name in r else "–"
                       for name in ("samla", "samla-small", "samla-off", "peer", "floor"))
    print(f"| {size:,} | {off_cells[0]} | {off_cells[1]} | {run(small)} | {t(small) / t(floor):.2f} ({cpu(small) / cpu(floor):.2f}) "
          f"| {sizes} |")

print()
print("| responses | import from CSV | import from .xlsx | .xlsx / CSV (time) | .xlsx / CSV (memory) | .xlsx totals = truth |")
print("| ---: | ---: | ---: | ---: | ---: | --- |")
for size in sorted(rows):
    r = rows[size]
    if "samla-import-xlsx" not in r:
        continue
    csv, xlsx = r["samla-import"], r["samla-import-xlsx"]
    print(f"| {size:,} | {run(csv)} | {run(xlsx)} "
          f"| {t(xlsx) / t(csv):.2f} | {mb(xlsx) / mb(csv):.2f} | {r.get('truth-xlsx', ('?',))[0]} |")

pg_sizes = [size for size in sorted(rows) if "samla-pg-summary" in rows[size]]
if pg_sizes:
    print()
    print("On PostgreSQL (a throwaway cluster on the same machine), beside SQLite: wall seconds, (samla's CPU "
          "seconds + the server's), samla's peak memory; ratios PostgreSQL / SQLite of wall times, "
          "and in brackets of CPU seconds (samla's and the server's against samla's on SQLite).")
    print()
    print("| responses | import | summary (kept counts + analysed texts) | summary grouped when asked (`=scan`) "
          "| summary, all it can grouped (`=groups`) | summary reading every row | summary PG / SQLite "
          "| export (xlsx) | export PG / SQLite | SQLite: import, summary, export | summary = SQLite's |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")

    def pg(entry):
        if entry is None:
            return "–"
        return f"{t(entry):.2f} s ({cpu(entry):.2f} + {entry[3]:.2f}), {mb(entry):.0f} MB"

    for size in pg_sizes:
        r = rows[size]
        imp, summ, scan_summ, groups_summ, rows_summ, exp = (r.get(name) for name in
                                                             ("samla-pg-import", "samla-pg-summary", "samla-pg-summary-scan",
                                                              "samla-pg-summary-groups", "samla-pg-summary-rows",
                                                              "samla-pg-export"))
        sqlite = "; ".join(run(r[name]) for name in ("samla-import", "samla-summary", "samla-export"))
        print(f"| {size:,} | {pg(imp)} | {pg(summ)} | {pg(scan_summ)} | {pg(groups_summ)} | {pg(rows_summ)} | {t(summ) / t(r['samla-summary']):.2f} "
              f"({(cpu(summ) + summ[3]) / cpu(r['samla-summary']):.2f}) "
              f"| {pg(exp)} | {t(exp) / t(r['samla-export']):.2f} ({(cpu(exp) + exp[3]) / cpu(r['samla-export']):.2f}) "
              f"| {sqlite} | {r.get('pg-same', ('?',))[0]} |")
