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
# path; see tensor/CUDA.md. Exit status: non-zero when a test failed. It runs Maven; for a GPU machine with no JDK,
# Maven or network, build the bundle instead (gpu-bundle.sh, "The GPU bundle" in tensor/CUDA.md).
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

echo
echo "== The vit-mini fixtures on CUDA (both variants), and 1000 ViT-B/16 forwards' device memory"
"$MVN" -q install -DskipTests >/dev/null 2>&1
if "$MVN" -q -pl 07-head-and-vit test -Dtest='ViTTest#reproducesPyTorchOnCuda,CudaMemoryTest' -Dsurefire.failIfNoSpecifiedTests=false \
        >tensor/target/gpu-check-vit.log 2>&1; then
    grep -E 'cuda .* rel err|^free GPU memory' tensor/target/gpu-check-vit.log | sed 's/^/  /'
    grep -q 'Tests run:.*Skipped: [1-9]' tensor/target/gpu-check-vit.log && echo "  SKIPPED (no usable CUDA device)"
else
    STATUS=1
    echo "  FAILED; full log: tensor/target/gpu-check-vit.log"
fi

# The ViT-B/16 forward pass through the vit launcher's bench command: batch 1 and 64, fp32 and TF32, on CUDA,
# with the CPU at batch 1 for scale, and PyTorch eager on the same GPU when python3 can import a CUDA torch.
vit_forward_benchmark() {
    echo
    echo "== ViT-B/16 forward (timm variant, random weights, 224x224)"
    "$MVN" -q install -DskipTests >/dev/null 2>&1 || echo "could not build the project (mvn install -DskipTests)"
    printf '%-8s %-6s %-6s %12s %10s\n' device batch math "ms/forward" "images/s"
    run_bench() { # device batch tf32 iters
        local out
        out=$(VIT_JAVA_OPTS="-Dvit.cuda.tf32=$3" ./vit bench \
            --preset vit-b-16 --device "$1" --batch "$2" --iters "$4" --warmup 2 2>&1)
        local ms ips
        ms=$(echo "$out" | sed -n 's/^median \([0-9.]*\) ms per forward.*/\1/p')
        ips=$(echo "$out" | sed -n 's/^\([0-9.]*\) images\/s.*/\1/p')
        local math=fp32; [ "$3" = true ] && math=tf32
        printf '%-8s %-6s %-6s %12s %10s\n' "$1" "$2" "$math" "${ms:-failed}" "${ips:--}"
        [ -z "$ms" ] && echo "$out" | tail -n 3 | sed 's/^/    /'
    }
    run_bench cpu 1 false 3
    for batch in 1 64; do
        for tf32 in false true; do
            run_bench cuda "$batch" "$tf32" 10
        done
    done
    if python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' >/dev/null 2>&1; then
        python3 - <<'PY'
import time, torch
torch.backends.cuda.matmul.allow_tf32 = False
try:
    import timm
    model = timm.create_model("vit_base_patch16_224", pretrained=False)
except Exception:
    model = None
if model is None:
    print("pytorch  (timm not installed: skipped)")
else:
    model = model.cuda().eval()
    for batch in (1, 64):
        for tf32 in (False, True):
            torch.backends.cuda.matmul.allow_tf32 = tf32
            x = torch.randn(batch, 3, 224, 224, device="cuda")
            with torch.no_grad():
                for _ in range(3):
                    model(x)
                torch.cuda.synchronize()
                times = []
                for _ in range(10):
                    t = time.perf_counter(); model(x); torch.cuda.synchronize(); times.append(time.perf_counter() - t)
            ms = sorted(times)[len(times) // 2] * 1000
            print(f"{'pytorch':<8} {batch:<6} {'tf32' if tf32 else 'fp32':<6} {ms:12.2f} {batch / ms * 1000:10.1f}")
PY
    else
        echo "pytorch  (no CUDA-enabled PyTorch here: skipped)"
    fi
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
