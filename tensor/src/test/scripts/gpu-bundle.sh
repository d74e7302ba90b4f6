#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Builds target/gpu-bundle/: the GPU check of tensor/CUDA.md as a folder that runs on a machine with no JDK, no
# Maven and no network (run.sh inside says what it does). Run it after ./mvnw install; extra arguments go to Maven:
#
#   ./mvnw install -DskipTests && tensor/src/test/scripts/gpu-bundle.sh [-Dmaven.repo.local=...]
#   target/gpu-bundle/run.sh /tmp/gpu-out
#
# The bundle holds:
#   runtime/  a Java runtime made by jlink from the JDK that runs this script: java.base, jdk.incubator.vector,
#             jdk.unsupported (JavaCPP's Unsafe), java.logging (JUnit) and jdk.zipfs (JUnit's scan of the test-jar),
#             stripped and compressed;
#   lib/      the project's jars and their dependencies as 07-head-and-vit's tests see them, with JUnit's console
#             launcher (the version of the JUnit Platform the build resolved) in place of the JUnit jars, and
#             the JNI jar of org.bytedeco:cuda cut down to the three libraries the backend loads (cudart, cuBLAS,
#             NVRTC); not XChart nor byte-buddy (they need java.desktop / serve only AssertJ's soft assertions);
#   tests/    07-head-and-vit's test classes (the tensor module's are in its test-jar in lib/, fixtures included);
#   scripts/  gpu_torch.py; images/ the cat; run.sh; BUILT (when and from which commit).
# It must stay within MAX_MIB (56 MiB): the GPU machine receives the working tree and the bundle, 64 MiB in all.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/gpu-bundle"
MAX_MIB=56
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
SCRIPTS=tensor/src/test/scripts
MVN=(./mvnw -q -B -ntp "$@")

JDK="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
for tool in jlink jar; do
    [ -x "$JDK/bin/$tool" ] || { echo "gpu-bundle: $JDK/bin/$tool not found: run with a full JDK 17+ (JAVA_HOME)" >&2; exit 1; }
done
TESTS07=07-head-and-vit/target/test-classes
JAR07="$(ls 07-head-and-vit/target/07-head-and-vit-*.jar 2>/dev/null | grep -v -e '-tests\.jar$' -e '-sources\.jar$' | head -n 1 || true)"
if [ ! -f "$TESTS07/vit/model/TimmReferenceTest.class" ] || [ -z "$JAR07" ]; then
    echo "gpu-bundle: $TESTS07/vit/model/TimmReferenceTest.class or the 07-head-and-vit jar is missing: run ./mvnw install first" >&2
    exit 1
fi

rm -rf "$OUT"
mkdir -p "$OUT/lib" "$OUT/tests" "$OUT/scripts" "$OUT/images"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "gpu-bundle: resolving 07-head-and-vit's test class path"
"${MVN[@]}" -pl 07-head-and-vit "$DEP_PLUGIN:build-classpath" -Dmdep.includeScope=test -Dmdep.outputFile="$TMP/classpath.txt" >/dev/null
tr ':' '\n' <"$TMP/classpath.txt" >"$TMP/jars.txt"
PLATFORM="$(sed -n 's|.*/junit-platform-engine-\([^/]*\)\.jar$|\1|p' "$TMP/jars.txt" | head -n 1)"
[ -n "$PLATFORM" ] || { echo "gpu-bundle: no junit-platform-engine on the test class path" >&2; exit 1; }
while IFS= read -r jar; do
    case "$(basename "$jar")" in
        junit-*|opentest4j-*|apiguardian-*) ;;   # inside the console launcher
        byte-buddy-*|xchart-*) ;;                # see the header
        cuda-*-linux-x86_64.jar)
            # Only the JNI libraries of the CUDA runtime/driver API, cuBLAS and NVRTC (about 4 of 33 MB unpacked).
            mkdir -p "$TMP/cuda"
            (cd "$TMP/cuda" && "$JDK/bin/jar" xf "$jar" META-INF/maven \
                org/bytedeco/cuda/linux-x86_64/libjnicudart.so org/bytedeco/cuda/linux-x86_64/libjnicublas.so \
                org/bytedeco/cuda/linux-x86_64/libjninvrtc.so)
            for so in libjnicudart.so libjnicublas.so libjninvrtc.so; do
                [ -f "$TMP/cuda/org/bytedeco/cuda/linux-x86_64/$so" ] || { echo "gpu-bundle: $so not in $jar" >&2; exit 1; }
            done
            "$JDK/bin/jar" cf "$OUT/lib/$(basename "$jar" .jar)-cudart-cublas-nvrtc.jar" -C "$TMP/cuda" . ;;
        *) cp "$jar" "$OUT/lib/" ;;
    esac
done <"$TMP/jars.txt"
cp "$JAR07" "$OUT/lib/"
cp -r "$TESTS07" "$OUT/tests/07-head-and-vit"

echo "gpu-bundle: JUnit's console launcher $PLATFORM (the JUnit Platform of the build)"
"${MVN[@]}" -N "$DEP_PLUGIN:copy" -Dartifact="org.junit.platform:junit-platform-console-standalone:$PLATFORM" \
    -DoutputDirectory="$OUT/lib" >/dev/null

echo "gpu-bundle: jlink runtime from $JDK ($("$JDK/bin/java" -version 2>&1 | head -n 1))"
if "$JDK/bin/jlink" --help 2>&1 | grep -q 'zip-\[0-9\]'; then COMPRESS=zip-6; else COMPRESS=2; fi
"$JDK/bin/jlink" --add-modules java.base,jdk.incubator.vector,jdk.unsupported,java.logging,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --compress="$COMPRESS" --output "$OUT/runtime" 2>&1 \
    | grep -v 'Using incubator modules' || true
[ -x "$OUT/runtime/bin/java" ] || { echo "gpu-bundle: jlink made no runtime" >&2; exit 1; }

cp "$SCRIPTS/gpu-bundle-run.sh" "$OUT/run.sh"
chmod +x "$OUT/run.sh"
cp "$SCRIPTS/gpu_torch.py" "$OUT/scripts/"
cp tensor/src/test/resources/images/cat.png "$OUT/images/"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD 2>/dev/null || commit="$commit with uncommitted changes"
echo "$(date -u '+%Y-%m-%d %H:%M UTC') from commit $commit" >"$OUT/BUILT"

kib() { du -sk "$1" | cut -f1; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
total=$(kib "$OUT")
runtime=$(kib "$OUT/runtime"); lib=$(kib "$OUT/lib"); tests=$(kib "$OUT/tests")
echo "gpu-bundle: ${OUT#"$ROOT"/}: $(mib "$total") MiB (runtime $(mib "$runtime"), lib $(mib "$lib"), tests $(mib "$tests")," \
    "the rest $(mib $((total - runtime - lib - tests)))); at most $MAX_MIB MiB"
if [ "$total" -gt $((MAX_MIB * 1024)) ]; then
    echo "gpu-bundle: the bundle is $(mib "$total") MiB, more than $MAX_MIB MiB; the largest files:" >&2
    find "$OUT" -type f -size +500k -exec du -k {} + | sort -rn | head -n 10 >&2
    exit 1
fi
