#!/usr/bin/env python3
"""Runs a command and reports the CPU its child processes used, grouped by command line.

Why: the test run is CPU-bound on a 2-core machine, and most of that CPU is spent in processes the tests start
(the CLI, child `dotnet build`s, packs). This samples /proc every 100 ms, so a child that lives less than that
may be missed; the figures are a floor. Linux only.

    python3 tests/scripts/cpu-by-child.py dotnet tests/DataContracts.Tests/bin/Debug/net10.0/DataContracts.Tests.dll
"""
import collections
import os
import subprocess
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def processes():
    """pid -> (parent pid, CPU ticks so far, start time): one pass over /proc."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we read
        table[int(name)] = (int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[19]))
    return table


def descendants(root, table):
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, (parent, _, _) in table.items() if parent in frontier and pid not in found}
        found |= frontier
    return found


def command_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline") as cmdline:
            return cmdline.read().replace("\0", " ").strip() or "?"
    except OSError:
        return "?"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    started = time.monotonic()
    try:
        process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    except OSError as error:
        sys.exit(f"cpu-by-child: cannot start {sys.argv[1]}: {error.strerror}")
    seen = {}  # (pid, start time) -> [command line, CPU ticks]
    while process.poll() is None:
        table = processes()
        for pid in descendants(process.pid, table):
            key = (pid, table[pid][2])
            entry = seen.setdefault(key, [command_line(pid), 0])
            entry[1] = table[pid][1]
        time.sleep(0.1)

    groups = collections.defaultdict(lambda: [0, 0.0])
    for line, ticks in seen.values():
        group = groups[" ".join(line.split()[:3])[:110]]
        group[0] += 1
        group[1] += ticks / TICKS
    print(f"exit {process.returncode}, wall {time.monotonic() - started:.1f} s, "
          f"children {len(seen)}, their CPU {sum(g[1] for g in groups.values()):.1f} s")
    for line, (count, cpu) in sorted(groups.items(), key=lambda item: -item[1][1]):
        if cpu >= 0.05:
            print(f"{cpu:7.1f} s {count:4d}  {line}")
    sys.exit(process.returncode)


if __name__ == "__main__":
    main()
