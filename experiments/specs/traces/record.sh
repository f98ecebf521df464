#!/usr/bin/env bash
# Records the memory traces the pageout tests and experiments/specs/pageout-compare.yaml replay: real programs
# under valgrind's lackey (Debian package valgrind, 3.19.0 here), consecutive accesses to one 4 KiB page collapsed
# to one line by collapse.py, gzipped. The recordings committed here were made on 2026-12-04 with:
#   ./record.sh
# Traces differ from machine to machine (libraries, directory contents); the tests compute their expected counts
# from the trace itself, so a re-recording needs no test change.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# the input of sort and awk: 300 words of 3 to 12 letters from a seeded generator
python3 -c "
import random
r = random.Random(1)
for i in range(4000):
    w = ''.join(r.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(r.randint(3, 12)))
    if i < 300: print(w)
" > "$tmp/words.txt"
record() {
  local name="$1"; shift
  valgrind --tool=lackey --trace-mem=yes --log-file="$tmp/$name.raw" "$@" > /dev/null
  python3 "$here/collapse.py" < "$tmp/$name.raw" | gzip -9 > "$here/$name.lackey.gz"
}
record sort sort "$tmp/words.txt"
record ls ls /usr/share
record awk awk '{n+=length($0)}END{print(n)}' "$tmp/words.txt"
