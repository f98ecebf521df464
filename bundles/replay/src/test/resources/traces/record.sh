#!/bin/sh
# Records the replay tests' traces and trees: each program runs under strace in an empty directory
# /tmp/odonata-trace/NAME (the --cwd of the replay), then mtree(8) writes the tree it left.
# Recorded once as root on Debian 12 (strace 6.1, mtree-netbsd 20180822, coreutils 9.1, tar 1.34, git 2.39) with
#   apt-get install -y strace mtree-netbsd
# and committed; the tests only read the files. Run from this directory: sh record.sh
set -eu
here=$(pwd)
record() {
    name=$1; shift
    dir=/tmp/odonata-trace/$name
    rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
    umask 022
    strace -f -s 1024 "$@" -o "$here/$name.strace" sh -c "$SCRIPT"
    cd "$here"
    mtree -c -k type,size,sha256,mode,nlink,link -p "$dir" | grep -v '^#	   date:' > "$here/$name.mtree"
}

# coreutils and the shell: mkdir -p, redirections, cp, ln -s, ln, mv, rm, chmod, cat, rmdir, touch, truncate, ls
SCRIPT='mkdir -p a/b && echo hello > a/f && cp a/f a/b/g && ln -s f a/l && ln a/f a/h && mv a/b c && rm a/h &&
chmod 600 c/g && cat a/f c/g > both && printf "x%.0s" $(seq 1 100) >> both && mkdir e && rmdir e && touch t &&
truncate -s 10 t && ls -a a c > listing'
record shell -tt -T
