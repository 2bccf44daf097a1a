#!/usr/bin/env python3
"""Prints the benchmark table: wall time and peak memory of samla, the peer and the floor at each
size, and the ratios that carry across machines (samla/peer, export/floor)."""
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
