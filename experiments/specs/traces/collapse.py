#!/usr/bin/env python3
"""Collapses consecutive accesses to the same 4 KiB page in a valgrind lackey trace (stdin -> stdout).
A run becomes one line: the run's first address, an S if any access in it stored (M counts as a store),
otherwise its first kind (I or L). Accesses that cross a page boundary are kept as they are. ==pid== lines are kept."""
import sys
out = sys.stdout
run_page = None; run_line = None; run_store = False
def flush():
    global run_page, run_line, run_store
    if run_line is not None:
        kind, rest = run_line
        if run_store and kind != 'S':
            kind = 'S'
        out.write(('I  ' if kind == 'I' else ' ' + kind + ' ') + rest + '\n')
    run_page = None; run_line = None; run_store = False
for line in sys.stdin:
    if line.startswith('=='):
        flush(); out.write(line); continue
    s = line.strip()
    if not s:
        continue
    kind = s[0]; rest = s[1:].strip()
    addr_s, size_s = rest.split(',')
    addr = int(addr_s, 16); size = int(size_s)
    first = addr >> 12; last = (addr + size - 1) >> 12
    store = kind in 'SM'
    if first != last:
        flush(); run_line = (kind, rest); run_store = store; flush(); continue
    if first == run_page:
        run_store = run_store or store
        continue
    flush(); run_page = first; run_line = (kind, rest); run_store = store
flush()
