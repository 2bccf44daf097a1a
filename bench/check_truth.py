#!/usr/bin/env python3
"""Checks `samla summary --json` against gen.py's --truth: responses, answered per question, every
choice count and 'other', scale distributions, and number mean/median/min/max. Exit 1 on any
difference, listing them."""
import json
import sys

summary = json.load(open(sys.argv[1]))
truth = json.load(open(sys.argv[2]))
problems = []


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


if summary["responses"] != truth["responses"]:
    problems.append(f"responses {summary['responses']} != {truth['responses']}")
questions = {q["id"]: q for q in summary["questions"]}
for qid, expected in truth["questions"].items():
    q = questions.get(qid)
    if q is None:
        problems.append(f"{qid}: missing")
        continue
    if q["answered"] != expected["answered"]:
        problems.append(f"{qid}: answered {q['answered']} != {expected['answered']}")
    if "choices" in expected:
        counts = {c["id"]: c["count"] for c in q.get("choices", [])}
        for cid, n in expected["choices"].items():
            if counts.get(cid) != n:
                problems.append(f"{qid}/{cid}: {counts.get(cid)} != {n}")
        other = q.get("other") or 0
        other = other.get("count", 0) if isinstance(other, dict) else other
        if other != expected["other"]:
            problems.append(f"{qid}/other: {other} != {expected['other']}")
    if "distribution" in expected:
        dist = {str(int(d["value"])): d["count"] for d in q.get("distribution", [])}
        for value, n in expected["distribution"].items():
            if dist.get(value) != n:
                problems.append(f"{qid}={value}: {dist.get(value)} != {n}")
    for key in ("mean", "median", "min", "max"):
        if key in expected and not same(q.get(key), expected[key]):
            problems.append(f"{qid}.{key}: {q.get(key)} != {expected[key]}")

print(f"{sys.argv[1]}: {'ok' if not problems else str(len(problems)) + ' differences'}")
for p in problems[:50]:
    print("  " + p)
sys.exit(1 if problems else 0)
