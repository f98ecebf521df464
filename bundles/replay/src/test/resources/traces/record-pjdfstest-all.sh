#!/bin/sh
# Every pjdfstest script (but chflags and posix_fallocate, FreeBSD's) under strace, as record.sh records its pjd-*
# traces, for PjdfstestCensusTest (-Dodonata.pjdfstest.traces=OUTDIR); not committed (some 500 MB). pjdfstest built
# in /tmp/pjdfstest as record.sh says; run as root: sh record-pjdfstest-all.sh OUTDIR
out=${1:?usage: sh record-pjdfstest-all.sh OUTDIR}; mkdir -p "$out"
for t in /tmp/pjdfstest/tests/*/*.t; do
    g=$(basename $(dirname $t)); n=$(basename $t .t)
    case $g in chflags|posix_fallocate) continue ;; esac
    name=$g-$n; dir=/tmp/odonata-trace/pjdall/$name
    rm -rf "$dir" && mkdir -p "$dir" && cd "$dir" && umask 022
    timeout 300 strace -f -s 16384 -e trace=%file,%desc,%process,%creds,umask,%network -o "$out/$name.strace" sh "$t" > "$out/$name.tap" 2>&1
    echo "$name $(grep -c '^ok' $out/$name.tap) ok $(grep -c '^not ok' $out/$name.tap) notok"
done
