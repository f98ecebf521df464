#!/usr/bin/env bash
# ./odonata new scheduler|token|fs|pageout NAME [--dir DIR]: a subsystem bundle project from the templates beside
# this script, which builds alone (./mvnw package, its unit test running the conformance kit). The Odonata artifacts
# it compiles and tests against are installed into the local Maven repository first when they are missing or older
# than this tree (the same command the README documents); MAVEN_ARGS (e.g. -Dmaven.repo.local=...) is honoured.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tpl="$root/bundles/template"
usage() { echo "usage: ./odonata new scheduler|token|fs|pageout NAME [--dir DIR]" >&2; exit 2; }

[ $# -ge 2 ] || usage
kind=$1 name=$2
shift 2
dir=""
while [ $# -gt 0 ]; do
  case $1 in
    --dir) [ $# -ge 2 ] || usage; dir=$2; shift 2 ;;
    *) echo "odonata new: unknown option '$1'" >&2; usage ;;
  esac
done
case $kind in
  scheduler) prefix=sched capability=odonata.scheduler use=sched:use ;;
  token) prefix=sync capability=odonata.tokens use=sync:use ;;
  pageout) prefix=pageout capability=odonata.pageout use="vm:policy use" ;;
  fs)
    echo "odonata new: no fs template yet: it needs the filesystem SPI (VFS) in kernel-api, which this build does" \
         "not have" >&2
    exit 2 ;;
  *) echo "odonata new: unknown kind '$kind'" >&2; usage ;;
esac
if ! [[ $name =~ ^[a-z][a-z0-9]{0,30}$ ]]; then
  echo "odonata new: NAME must be a lower-case letter then letters or digits (it is the name sched:use and specs" \
       "take, and a Java package): '$name'" >&2
  exit 2
fi
artifact=$prefix-$name
dir=${dir:-$artifact}
if [ -e "$dir" ] && { [ ! -d "$dir" ] || [ -n "$(ls -A "$dir")" ]; }; then
  echo "odonata new: $dir exists and is not an empty folder" >&2
  exit 2
fi

prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -n 1; }
api_version=$(prop kernel-api.version)
odonata_version=$(prop version)
package=org.example.$prefix.$name
Name="$(tr '[:lower:]' '[:upper:]' <<< "${name:0:1}")${name:1}"

# the Odonata artifacts a generated project needs, in the local repository and not older than this tree
modules=(kernel-api hw-x86 bundles/kern sync-tokens sched-lwkt vfs bundles/fs-tmpfs vm)
repo_local="$HOME/.m2/repository"
for a in ${MAVEN_ARGS:-}; do
  case $a in -Dmaven.repo.local=*) repo_local=${a#-Dmaven.repo.local=} ;; esac
done
stale=""
for m in "${modules[@]}"; do
  artifact_id=$(basename "$m")
  v=$odonata_version
  [ "$artifact_id" = kernel-api ] && v=$api_version
  jar="$repo_local/org/odonata/$artifact_id/$v/$artifact_id-$v.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$root/$m/src/main" "$root/$m/pom.xml" -newer "$jar" -print -quit)" ]; then
    stale="$stale $m"
  fi
done
if [ -n "$stale" ]; then
  echo "odonata new: installing the Odonata API and test runtime into $repo_local (${stale# })..." >&2
  (cd "$root" && ./mvnw -q -B install -Dmaven.test.skip=true -pl "$(IFS=,; echo "${modules[*]}")") >&2
fi

mkdir -p "$dir"
cp -R "$tpl/common/." "$dir/"
mv "$dir/gitignore" "$dir/.gitignore"
cp -R "$tpl/$kind/." "$dir/"
pkgdir=${package//.//}
for src in main test; do
  mkdir -p "$dir/src/$src/java/$pkgdir"
  for f in "$dir/src/$src/java/"*.java; do
    mv "$f" "$dir/src/$src/java/$pkgdir/$(basename "${f//@Name@/$Name}")"
  done
done
cp "$root/mvnw" "$dir/"
mkdir -p "$dir/.mvn/wrapper"
cp "$root/.mvn/wrapper/maven-wrapper.properties" "$dir/.mvn/wrapper/"
cp "$root/.mvn/jvm.config" "$dir/.mvn/"
find "$dir" -type f ! -name mvnw ! -path '*/.mvn/*' -exec sed -i \
  -e "s|@NAME@|$name|g" -e "s|@Name@|$Name|g" -e "s|@PACKAGE@|$package|g" -e "s|@ARTIFACT@|$artifact|g" \
  -e "s|@KIND@|$kind|g" -e "s|@API_VERSION@|$api_version|g" -e "s|@ODONATA_VERSION@|$odonata_version|g" \
  -e "s|@BND_VERSION@|$(prop bnd.version)|g" -e "s|@JUNIT_VERSION@|$(prop junit.version)|g" \
  -e "s|@CAPABILITY@|$capability|g" -e "s|@USE@|$use|g" -e "s|@ODONATA_HOME@|$root|g" {} +

try=spec.yaml
[ -f "$dir/$try" ] || try=try.gosh
cat <<MSG
created $dir: the $kind '$name' (bundle $package, artifact org.example.odonata:$artifact:0.1.0)
  cd $dir && ./mvnw package         # target/$artifact-0.1.0.jar; its unit test runs it in a real kernel
  $root/odonata run $dir/$try       # '$name' in Odonata, loading the jar
MSG
