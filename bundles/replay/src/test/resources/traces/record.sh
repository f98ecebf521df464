#!/bin/sh
# Records the replay tests' traces and trees: each program runs under strace in an empty directory
# /tmp/odonata-trace/NAME (the --cwd of the replay), then mtree(8) writes the tree it left.
# Recorded once as root on Debian 12 (strace 6.1, mtree-netbsd 20180822, coreutils 9.1, tar 1.34, git 2.39) with
#   apt-get install -y strace mtree-netbsd
# and committed; the tests only read the files. Run from this directory: sh record.sh
# (ONLY="NAME ..." sh record.sh records only those; the others stay as committed).
set -eu
here=$(pwd)
record() {
    name=$1; shift
    case " ${ONLY:-$name} " in *" $name "*) ;; *) return 0 ;; esac
    dir=/tmp/odonata-trace/$name
    rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
    umask 022
    strace -f "$@" -o "$here/$name.strace" sh -c "$SCRIPT" > /dev/null
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

# patch, unzip and rsync: a patch and a zip archive outside, the files they change inside
cd "$in" && rm -f src.zip && zip -qr src.zip src && printf '1\n2\nthree\n4\n' > new.txt && printf '1\n2\n3\n4\n' > old.txt &&
{ diff -u old.txt new.txt > change.patch || true; } && sed -i '1,2s/[a-z]*\.txt/f.txt/' change.patch && cd "$here"
SCRIPT="unzip -q $in/src.zip && printf '1\\n2\\n3\\n4\\n' > f.txt && patch -s -b f.txt < $in/change.patch &&
rsync -a src/ mirror/ && rm -r src/sub"
record patch-unzip-rsync -s 65536 -tt

# sqlite3 3.40: a table created, rows inserted, a transaction, an update and a delete in test.db — pread64/pwrite64,
# fcntl F_SETLK record locks, fdatasync of the database, its journal and the directory, the journal unlinked
SCRIPT="sqlite3 test.db 'create table t(a integer primary key, b text); insert into t(b) values (\"one\"), (\"two\");
begin; insert into t(b) values (\"three\"); update t set b = \"TWO\" where a = 2; commit; delete from t where a = 1;
select * from t;'"
record sqlite -s 65536 -tt
[ ! -f sqlite.strace ] || gzip -9nf sqlite.strace

# make 4.3 with gcc 12: sources and a Makefile written by the script, a build (fork/exec/wait of gcc, cc1, as, collect2,
# ld), a rebuild that does nothing, one after touching the header and one after removing an object; gzipped
SCRIPT="printf 'int twice(int x);\\n' > lib.h &&
printf '#include \"lib.h\"\\nint twice(int x) { return 2 * x; }\\n' > lib.c &&
printf '#include \"lib.h\"\\nint main(void) { return twice(21) == 42 ? 0 : 1; }\\n' > main.c &&
printf 'prog: main.o lib.o\\n\\tgcc -o prog main.o lib.o\\n%%.o: %%.c lib.h\\n\\tgcc -O1 -c \$<\\nclean:\\n\\trm -f prog *.o\\n' > Makefile &&
make -s && ./prog && make -s && touch lib.h && make -s && rm main.o && make -s"
record make-gcc -s 65536 -tt
[ ! -f make-gcc.strace ] || gzip -9nf make-gcc.strace

# a FIFO (mkfifo 9.1): a reader in the background and a writer, whose blocking opens wait for each other (fifo_open);
# which of the two strace lists first varies from run to run
SCRIPT='mkfifo p && { cat p > out & echo hi > p; wait; }'
record fifo -s 4096

# pjdfstest (github.com/pjd/pjdfstest, the POSIX conformance suite), built from source in /tmp and run as root
# under strace, one script per call; gzipped. -e adds umask (pjdfstest -U sets it) to the classes.
pjd=/tmp/pjdfstest
if [ ! -x "$pjd/pjdfstest" ]; then
    echo "build pjdfstest first: git clone https://github.com/pjd/pjdfstest $pjd && cd $pjd && autoreconf -ifs &&" \
        "./configure && make pjdfstest" >&2
    exit 1
fi
# mkdir/05.t and 06.t: EACCES for lack of search and write permission, as other users (credentials replayed)
for s in mkdir/00 rmdir/00 symlink/00 truncate/00 open/00 mkdir/05 mkdir/06; do
    t=${s%/*}; n=${s#*/}; name=pjd-$t; [ "$n" = 00 ] || name=pjd-$t-$n
    SCRIPT="sh $pjd/tests/$s.t"
    # truncate/00.t writes 12345 bytes with dd; the others write nothing under DIR longer than 128
    size=128; [ "$t" = truncate ] && size=16384
    record "$name" -s "$size" -e trace=%file,%desc,%process,%creds,umask
    [ ! -f "$name.strace" ] || gzip -9nf "$name.strace"
done

# The scripts that make UNIX-domain socket files (pjdfstest's bind: socket(AF_UNIX) + bind, the file staying after
# the process exits): %network added so that socket and bind are in the trace. open/24.t opens a socket file (ENXIO).
for s in unlink/00 rename/00 link/00 chmod/00 open/24; do
    t=${s%/*}; n=${s#*/}; name=pjd-$t; [ "$n" = 00 ] || name=pjd-$t-$n
    SCRIPT="sh $pjd/tests/$s.t"
    record "$name" -s 128 -e trace=%file,%desc,%process,%creds,umask,%network
    [ ! -f "$name.strace" ] || gzip -9nf "$name.strace"
done
