#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Checks the CUDA backend on a GPU machine: prints what the machine has, runs every CUDA test (the GPU-only
# ones included) and prints a table, then times the main ops CPU versus GPU.
#
#   tensor/src/test/scripts/gpu-check.sh            # tests + op timings
#   tensor/src/test/scripts/gpu-check.sh --no-bench # tests only
#   VIT_CUDA_TF32=true tensor/src/test/scripts/gpu-check.sh   # matmul timings with TF32 tensor cores
#
# Needs: NVIDIA driver >= 580 and the CUDA 13 libraries (cudart, cublas, cublasLt, nvrtc) on the library
# path; see tensor/CUDA.md. Exit status: non-zero when a test failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
cd "$ROOT"
MVN="./mvnw"
[ -x "$MVN" ] || MVN="mvn"
BENCH=1
[ "${1:-}" = "--no-bench" ] && BENCH=0

echo "== Machine"
if command -v nvidia-smi >/dev/null 2>&1; then
    nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader
else
    echo "nvidia-smi: not found (no NVIDIA driver?)"
fi
echo "CUDA libraries known to the dynamic linker:"
ldconfig -p 2>/dev/null | grep -E 'libcuda\.so\.1|libcudart\.so\.13|libcublas(Lt)?\.so\.13|libnvrtc\.so\.13' \
    | sed 's/^/  /' || echo "  (none found by ldconfig -p)"
[ -n "${LD_LIBRARY_PATH:-}" ] && echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"

echo
echo "== Tests"
TESTS='CudaProbeTest,CudaProbeIsolationTest,NvrtcCompileTest,KernelSourcesCompileTest,StridedLayoutTest,LaunchConfigTest,ReducePlanTest,GemmPlanTest,LibraryScanTest,CudaBackendTest,CudaMemoryTest'
LOG="tensor/target/gpu-check-tests.log"
mkdir -p tensor/target
"$MVN" -q -pl tensor test -Dtest="$TESTS" -Dsurefire.failIfNoSpecifiedTests=false >"$LOG" 2>&1
STATUS=$?
grep -E '^(CUDA probe|CUDA backend|free GPU memory)| ok(,|$)|cubin' "$LOG" \
    | sed 's/^/  /' | head -n 400

printf '\n%-28s %6s %6s %6s %8s %8s\n' "test class" tests fail error skipped "time s"
for f in tensor/target/surefire-reports/TEST-vit.tensor.cuda.*.xml; do
    [ -e "$f" ] || continue
    line=$(grep -m1 '<testsuite' "$f")
    attr() { echo "$line" | sed -n "s/.* $1=\"\([^\"]*\)\".*/\1/p"; }
    name=$(attr name); name=${name##*.}
    printf '%-28s %6s %6s %6s %8s %8s\n' "$name" "$(attr tests)" "$(attr failures)" "$(attr errors)" "$(attr skipped)" "$(attr time)"
done
if grep -q 'skipped message\|TestAbortedException' tensor/target/surefire-reports/TEST-vit.tensor.cuda.CudaBackendTest.xml 2>/dev/null; then
    echo "GPU tests were SKIPPED:"
    grep -m1 -o 'Assumption failed: [^]]*' tensor/target/surefire-reports/TEST-vit.tensor.cuda.CudaBackendTest.xml | head -c 400
    echo
fi
[ $STATUS -ne 0 ] && echo "Tests FAILED (status $STATUS); full log: $LOG"

# TODO(main agent): the ViT forward-pass benchmark (chapters 02-07) goes here: for each preset (the
# article's ViT, ViT-Ti/S/B) time model.forward on CPU and on CUDA and print one row per preset.
vit_forward_benchmark() {
    echo "(ViT forward benchmark: not written yet - the model classes arrive with chapters 02-07)"
}

if [ $BENCH -eq 1 ]; then
    echo
    echo "== Op timings (best of several runs; GPU numbers include the synchronize)"
    "$MVN" -q -pl tensor dependency:build-classpath -Dmdep.outputFile="$ROOT/tensor/target/test-classpath.txt" -Dmdep.includeScope=test >/dev/null 2>&1 \
        || echo "could not resolve the test class path (mvn dependency:build-classpath)"
    CP="tensor/target/classes:tensor/target/test-classes:$(cat tensor/target/test-classpath.txt)"
    java --add-modules=jdk.incubator.vector -Dvit.cuda.tf32="${VIT_CUDA_TF32:-false}" -cp "$CP" \
        vit.tensor.cuda.GpuOpTimings 2>&1 | grep -v 'Using incubator modules'
    vit_forward_benchmark
fi
exit $STATUS
