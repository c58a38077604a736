#!/usr/bin/env bash
# Checks that the build is reproducible: builds the current work tree twice from clean copies and
# compares the SHA-256 of every jar (main, sources and javadoc). Exits 1 if any jar differs or is missing.
#
# Usage: scripts/check-reproducible.sh [extra mvn args...]
# Two copies (not "clean, build, clean, build" in place) so both builds start from nothing and the
# work tree's own target/ directories are left alone. Nothing is installed: `package` only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/model-registry-repro.XXXXXX")"
trap 'rm -rf "$work"' EXIT

build() {
  local name="$1"
  shift
  local dir="$work/$name"
  mkdir -p "$dir"
  # The tracked and untracked files of the work tree, without build output or ignored files.
  (cd "$root" && git ls-files -z --cached --others --exclude-standard) \
    | (cd "$root" && xargs -0 cp --parents -t "$dir")
  echo "==> Build $name in $dir" >&2
  (cd "$dir" && mvn -B -q package -DskipTests "$@" >"$work/$name.log" 2>&1) || {
    echo "Build $name failed; its log:" >&2
    tail -50 "$work/$name.log" >&2
    exit 2
  }
  (cd "$dir" && find . -path '*/target/*' -name '*.jar' -not -path '*/target/it/*' \
      -not -path '*/target/it-repo/*' -print0 | sort -z | xargs -0 sha256sum) >"$work/$name.sha256"
}

build first "$@"
# A different clock second and working directory for the second build: only the sources may matter.
sleep 2
build second "$@"

count=$(wc -l <"$work/first.sha256")
if [ "$count" -eq 0 ]; then
  echo "No jars were built." >&2
  exit 1
fi
if diff -u "$work/first.sha256" "$work/second.sha256"; then
  cat "$work/first.sha256"
  echo "Reproducible: all $count jars have the same SHA-256 in both builds."
else
  echo "NOT reproducible: the jars above differ between two builds of the same sources." >&2
  exit 1
fi
