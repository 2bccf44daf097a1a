#!/usr/bin/env python3
"""Prints the benchmark table: wall time and peak memory of samla, the peer and the floor at each
size, and the ratios that carry across machines (samla/peer, export/floor); then the workbooks'
sizes, since samla packs faster and looser by default (`--compression small` packs as the others)."""
import sys
from collections import defaultdict

rows = defaultdict(dict)
for line in open(sys.argv[1]):
    name, size, seconds, kib = line.rstrip("\n").split("\t")
    rows[int(size)][name] = (seconds, int(kib))


def t(entry):
    return float(entry[0])


def mb(entry):
    return entry[1] / 1024


def file_mb(entry):
    return int(entry[0]) / 1e6


print("| responses | samla import | samla export | samla total | peer (pandas + XlsxWriter) | floor (libxlsxwriter) "
      "| samla / peer (time) | export / floor (time) | summary | totals = truth |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for size in sorted(rows):
    r = rows[size]
    imp, exp, peer, floor, summ = r["samla-import"], r["samla-export"], r["peer"], r["floor"], r["samla-summary"]
    total = t(imp) + t(exp)
    print(f"| {size:,} | {t(imp):.2f} s, {mb(imp):.0f} MB | {t(exp):.2f} s, {mb(exp):.0f} MB | {total:.2f} s "
          f"| {t(peer):.2f} s, {mb(peer):.0f} MB | {t(floor):.2f} s, {mb(floor):.0f} MB "
          f"| {total / t(peer):.3f} ({t(peer) / total:.1f}× faster) | {t(exp) / t(floor):.2f} "
          f"| {t(summ):.2f} s, {mb(summ):.0f} MB | {r.get('truth', ('?',))[0]} |")

print()
print("| responses | samla export, `--compression small` | its export / floor (time) "
      "| workbook: samla | samla small | peer | floor |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for size in sorted(rows):
    r = rows[size]
    small, floor = r["samla-export-small"], r["floor"]
    sizes = " | ".join(f"{file_mb(r['bytes-' + name]):.1f} MB" for name in ("samla", "samla-small", "peer", "floor"))
    print(f"| {size:,} | {t(small):.2f} s, {mb(small):.0f} MB | {t(small) / t(floor):.2f} | {sizes} |")

print()
print("| responses | import from CSV | import from .xlsx | .xlsx / CSV (time) | .xlsx / CSV (memory) | .xlsx totals = truth |")
print("| ---: | ---: | ---: | ---: | ---: | --- |")
for size in sorted(rows):
    r = rows[size]
    if "samla-import-xlsx" not in r:
        continue
    csv, xlsx = r["samla-import"], r["samla-import-xlsx"]
    print(f"| {size:,} | {t(csv):.2f} s, {mb(csv):.0f} MB | {t(xlsx):.2f} s, {mb(xlsx):.0f} MB "
          f"| {t(xlsx) / t(csv):.2f} | {mb(xlsx) / mb(csv):.2f} | {r.get('truth-xlsx', ('?',))[0]} |")
