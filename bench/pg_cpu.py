#!/usr/bin/env python3
"""Prints the CPU seconds (user + system) a PostgreSQL cluster has used so far: its postmaster's own,
its exited children's (backends end when their client disconnects, and the postmaster reaps them),
and its live children's. The benchmark takes the difference around a command, so the work the
server does for samla (the counting pushed down to it, the inserts) is shown beside samla's own."""
import os
import sys

postmaster = int(sys.argv[1])
ticks = os.sysconf("SC_CLK_TCK")


def fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    # The command name is in parentheses and may hold spaces: the fields start after the last ')'.
    return text[text.rindex(")") + 2:].split()


own = fields(postmaster)
# Fields from the state on: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
total = sum(int(own[i]) for i in (11, 12, 13, 14))
for entry in os.listdir("/proc"):
    if not entry.isdigit() or int(entry) == postmaster:
        continue
    try:
        child = fields(entry)
    except (OSError, ValueError):
        continue
    if int(child[1]) == postmaster:
        total += int(child[11]) + int(child[12])
print(f"{total / ticks:.2f}")
