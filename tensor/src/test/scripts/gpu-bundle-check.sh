#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# CI's check of the GPU bundle, on a machine without a GPU (after ./mvnw install; arguments go to Maven):
# builds target/gpu-bundle (which fails above 56 MiB), runs its run.sh with java, javac, jar, jlink and mvn on the
# PATH replaced by commands that fail, and fails unless run.sh exits 0, says in one line why CUDA is or is not
# usable, ran the CUDA support tests with none failed, and wrote its summary and at most 8 files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
cd "$ROOT"
tensor/src/test/scripts/gpu-bundle.sh "$@"

TRAP="$(mktemp -d)"
trap 'rm -rf "$TRAP"' EXIT
for tool in java javac jar jlink mvn; do
    printf '#!/bin/sh\necho "gpu-bundle-check: the bundle called the system %s" >&2\nexit 97\n' "$tool" >"$TRAP/$tool"
    chmod +x "$TRAP/$tool"
done
OUT="$ROOT/target/gpu-bundle-check"
rm -rf "$OUT"
status=0
env -u JAVA_HOME -u CLASSPATH PATH="$TRAP:/usr/bin:/bin" target/gpu-bundle/run.sh "$OUT" >"$TRAP/run.txt" 2>&1 || status=$?

problems=()
[ "$status" = 0 ] || problems+=("run.sh exited with $status")
grep -q 'called the system' "$TRAP/run.txt" && problems+=("run.sh called a system tool: $(grep -m1 'called the system' "$TRAP/run.txt")")
grep -qE '^CUDA: (usable|not usable here): .+' "$TRAP/run.txt" || problems+=("no 'CUDA: ...' line saying whether CUDA is usable")
[ -f "$OUT/summary.md" ] || problems+=("no $OUT/summary.md")
support="$(sed -n 's/^| CUDA support tests | \([0-9]*\) passed, 0 failed.*/\1/p' "$OUT/summary.md" 2>/dev/null)"
[ "${support:-0}" -ge 20 ] || problems+=("the CUDA support tests did not run (at least 20 passed, none failed expected)")
files="$(find "$OUT" -type f | wc -l)"
[ "$files" -le 8 ] || problems+=("$files files in $OUT, more than the 8 a device run brings back")

if [ ${#problems[@]} -gt 0 ]; then
    cat "$TRAP/run.txt"
    printf 'gpu-bundle-check: %s\n' "${problems[@]}" >&2
    exit 1
fi
grep -E '^CUDA: ' "$TRAP/run.txt"
echo "gpu-bundle-check: bundle built and run (its own Java, no Maven) in ${SECONDS} s; $support CUDA support tests passed; summary in ${OUT#"$ROOT"/}/summary.md"
