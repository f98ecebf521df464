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
    strace -f "$@" -o "$here/$name.strace" sh -c "$SCRIPT"
    cd "$here"
    mtree -c -k type,size,sha256,mode,nlink,link -p "$dir" | grep -v '^#	   date:' > "$here/$name.mtree"
}

# coreutils and the shell: mkdir -p, redirections, cp, ln -s, ln, mv, rm, chmod, cat, rmdir, touch, truncate, ls
SCRIPT='mkdir -p a/b && echo hello > a/f && cp a/f a/b/g && ln -s f a/l && ln a/f a/h && mv a/b c && rm a/h &&
chmod 600 c/g && cat a/f c/g > both && printf "x%.0s" $(seq 1 100) >> both && mkdir e && rmdir e && touch t &&
truncate -s 10 t && ls -a a c > listing'
record shell -s 1024 -tt -T

# the inputs the next programs read: a small tree and its tarball, outside the traced directories
in=/tmp/odonata-trace/in
rm -rf "$in" && mkdir -p "$in/src/sub/deeper" && cd "$in"
printf 'int main(void) { return 0; }\n' > src/main.c; printf '#!/bin/sh\necho hi\n' > src/run.sh
chmod 755 src/run.sh; seq 1 400 > src/sub/numbers; printf '' > src/sub/empty; ln -s ../main.c src/sub/link
printf 'deep\n' > src/sub/deeper/d.txt; ln src/sub/numbers src/sub/hard
tar cf src.tar src && cd "$here"

# tar extracting (mkdirat, openat O_EXCL, write, fchmod, utimensat, linkat, symlinkat), cp -a (copy_file_range,
# fchown, utimensat, readlink), tar creating an archive (getdents, fstatat, read) — -y annotates descriptors
SCRIPT="tar xf $in/src.tar && cp -a src copy && rm -r src/sub/deeper && tar cf out.tar copy"
record tar-cp -s 65536 -y

# git: init, add, commit (lock files, renames, fsync, zlib objects) of files the script writes
SCRIPT="mkdir -p src/sub && seq 1 300 > src/sub/numbers && printf 'int main(void) { return 0; }\\n' > src/main.c &&
printf '' > src/sub/empty && ln -s ../main.c src/sub/link && git init -q -b main . && git add . &&
git -c user.name=o -c user.email=o@example.org commit -q -m first && git rm -q src/sub/empty &&
git -c user.name=o -c user.email=o@example.org commit -q -m second"
record git -s 65536 -ttt
