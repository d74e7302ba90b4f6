#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# run.sh of the GPU bundle (tensor/src/test/scripts/gpu-bundle.sh copies this file into target/gpu-bundle/):
# the GPU check of tensor/CUDA.md with no JDK, no Maven and no network. It brings its own Java runtime and jars,
# and needs bash and coreutils; the GPU parts need the NVIDIA driver and the CUDA 13 libraries, the PyTorch parts
# a python3 with torch, timm, safetensors and Pillow.
#
#   target/gpu-bundle/run.sh [OUTDIR]        (default /tmp/vit-gpu-check)
#
# 1. the machine: nvidia-smi, the CUDA libraries found (/usr/local/cuda*/lib64, the Python environment's
#    nvidia/*/lib, the driver's folders), which are then put on LD_LIBRARY_PATH; the CUDA probe's one line;
# 2. the GPU tests (JUnit tag "gpu"), then the other CUDA tests;
# 3. the loader against timm: gpu_torch.py references writes timm's ViT-B/16 and ViT-S/16, the Java side
#    (vit.model.TimmReferenceTest) loads and compares them on the CPU and on CUDA;
# 4. ViT-B/16 forward timings, batch 1 and 64, fp32 and TF32: ours (vit.model.ForwardTimings) and PyTorch eager.
# OUTDIR gets summary.md (the table), run.log (all of this output), machine.log, tests.log, timm.log, bench.log.
#
# Exit status 1 when something failed. Where the probe finds a usable GPU, a skipped GPU test is a failure;
# elsewhere the GPU parts are skipped with the probe's reason (and the timm part when python3 lacks timm), and the
# rest runs. VIT_GPU_CHECK_SECONDS (default 450) bounds the whole run: each step gets at most what is left.
# VIT_PYTHON picks the Python (default python3).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUTDIR="${1:-/tmp/vit-gpu-check}"
mkdir -p "$OUTDIR" || exit 2
OUTDIR="$(cd "$OUTDIR" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/vit-gpu-check.XXXXXX")" || exit 2
LIMIT="${VIT_GPU_CHECK_SECONDS:-450}"
PY="${VIT_PYTHON:-python3}"
SECONDS=0
: >"$OUTDIR/machine.log"; : >"$OUTDIR/tests.log"; : >"$OUTDIR/timm.log"; : >"$OUTDIR/bench.log"
exec > >(tee "$OUTDIR/run.log") 2>&1
TEE_PID=$!

FAILURES=()
ROWS=()
fail() { FAILURES+=("$1"); echo "FAILED: $1"; }
row() { ROWS+=("| $1 | $2 | $3 |"); }
# Seconds for the next step: what it asks for, or what is left of LIMIT (keeping 15 s for the summary).
budget() {
    local left=$((LIMIT - SECONDS - 15))
    [ "$left" -lt "$1" ] && echo "$left" || echo "$1"
}

# ---------------------------------------------------------------------------------------------------- machine
echo "== Machine ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "$(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory"
GPU_SEEN=0
MACHINE="$(nproc) cores, no NVIDIA GPU"
if command -v nvidia-smi >/dev/null 2>&1; then
    nvidia-smi >>"$OUTDIR/machine.log" 2>&1
    q="$(nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader 2>&1)"
    echo "nvidia-smi: $q"
    if nvidia-smi -L >/dev/null 2>&1 && [ -n "$(nvidia-smi -L 2>/dev/null)" ]; then
        GPU_SEEN=1
        MACHINE="$(echo "$q" | head -n 1), $(nproc) cores"
    fi
else
    echo "nvidia-smi: not found (no NVIDIA driver here)"
fi

# The CUDA libraries: the toolkit's folders first, then the Python environment's wheels, then the driver's.
LIBS=(libcuda.so.1 libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libnvrtc.so.13)
DIRS=()
for d in /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib \
    $(ls -d /usr/local/cuda-*/lib64 /usr/local/cuda-*/targets/x86_64-linux/lib 2>/dev/null | sort -rV); do
    DIRS+=("$d")
done
if command -v "$PY" >/dev/null 2>&1; then
    while IFS= read -r p; do
        for d in "$p"/*/lib; do DIRS+=("$d"); done
    done < <("$PY" -c 'import nvidia; print("\n".join(nvidia.__path__))' 2>/dev/null)
fi
DIRS+=(/usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib/wsl/lib)
IFS=: read -r -a EXISTING <<<"${LD_LIBRARY_PATH:-}"
ADD=()
echo "CUDA libraries (first found; LD_LIBRARY_PATH, then the folders above, then the ld.so cache):"
for lib in "${LIBS[@]}"; do
    found=""
    for d in "${EXISTING[@]}" "${DIRS[@]}"; do
        # The toolkit's stubs/ libcuda is for linking only: it fails cuInit with CUDA_ERROR_STUB_LIBRARY.
        [ -n "$d" ] && [[ "$d" != */stubs* ]] && [ -e "$d/$lib" ] && { found="$d/$lib"; break; }
    done
    [ -z "$found" ] && found="$(ldconfig -p 2>/dev/null | awk -v l="$lib" '$1 == l && $NF !~ /stubs/ {print $NF; exit}')"
    if [ -n "$found" ]; then
        echo "  $lib -> $(readlink -f "$found")"
        d="$(dirname "$found")"
        [[ " ${ADD[*]-} " == *" $d "* || ":${LD_LIBRARY_PATH:-}:" == *":$d:"* ]] || ADD+=("$d")
    else
        echo "  $lib: not found"
    fi
done
for d in "${DIRS[@]}"; do
    [ -d "$d" ] && ls "$d" 2>/dev/null | grep -E '^lib(cuda|cudart|cublas|cublasLt|nvrtc|nvrtc-builtins)\.so' | sed "s|^|$d/|"
done >>"$OUTDIR/machine.log"
if [ ${#ADD[@]} -gt 0 ]; then
    export LD_LIBRARY_PATH="$(IFS=:; echo "${ADD[*]}")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"

# ---------------------------------------------------------------------------------------------------- java
JAVA="$HERE/runtime/bin/java"
# A copy that lost the execute bits (some transfers do) still runs.
[ -x "$JAVA" ] || chmod +x "$HERE/runtime/bin/"* "$HERE/runtime/lib/jspawnhelper" 2>/dev/null
CP="$HERE/lib/*:$HERE/tests/07-head-and-vit"
# JavaCPP unpacks its JNI libraries into the cache dir; its resident-memory guard trips on what the CUDA driver maps.
JOPTS=(--add-modules=jdk.incubator.vector -Xss4m -Xmx8g -XX:+UseParallelGC -Djava.awt.headless=true
    "-Dorg.bytedeco.javacpp.cachedir=$WORK/javacpp-cache" -Dorg.bytedeco.javacpp.maxPhysicalBytes=0)
java_() { "$JAVA" "${JOPTS[@]}" -cp "$CP" "$@" 2>&1 | grep -v '^WARNING: Using incubator modules'; }
echo "java: $("$JAVA" -version 2>&1 | sed -n 2p)"

row "machine" "$MACHINE" "java $("$JAVA" -version 2>&1 | sed -n 's/.*build \([^,)]*\).*/\1/p' | head -n 1)"
PROBE="$(timeout 120 "$JAVA" "${JOPTS[@]}" -cp "$CP" vit.tensor.cuda.ProbeMain 2>&1 | grep '^auto=')"
REASON="${PROBE#*reason=}"
GPU=0
if [[ "$PROBE" == auto=cuda* ]]; then
    GPU=1
    echo "CUDA: usable: $REASON"
    row "CUDA probe" "usable" "$REASON"
else
    echo "CUDA: not usable here: ${REASON:-the probe did not answer}"
    row "CUDA probe" "not usable" "${REASON:-the probe did not answer}"
    if [ "$GPU_SEEN" = 1 ]; then
        fail "the CUDA probe: nvidia-smi sees a GPU, but CUDA is not usable: $REASON"
        timeout 120 "$JAVA" "${JOPTS[@]}" -Dorg.bytedeco.javacpp.logger.debug=true -cp "$CP" vit.tensor.cuda.ProbeMain \
            >>"$OUTDIR/machine.log" 2>&1
    fi
fi

# ---------------------------------------------------------------------------------------------------- timm (python)
# timm's references are made on the CPU, in the background while the GPU tests run.
HAVE_TIMM=0
TIMM_WHY="$("$PY" -c 'import timm, torch, safetensors, PIL' 2>&1 | tail -n 1)" && HAVE_TIMM=1
[ "$HAVE_TIMM" = 1 ] || TIMM_WHY="$PY lacks timm, torch, safetensors or Pillow (${TIMM_WHY:-$PY not found})"
if [ "$HAVE_TIMM" = 1 ]; then
    (timeout "$(budget 240)" "$PY" "$HERE/scripts/gpu_torch.py" references "$WORK/timm" --image "$HERE/images/cat.png" \
        >"$WORK/timm-python.log" 2>&1; echo $? >"$WORK/timm-python.rc") &
    TIMM_PID=$!
fi

# ---------------------------------------------------------------------------------------------------- tests
# One JUnit console run: its summary's counts go to the table; on a usable GPU, an aborted (skipped) GPU test fails.
# FINISHED=0 afterwards when the JVM ended before JUnit's summary; CRASHED=1 when that was not the time limit
# (a crash in native code takes the whole run).
COUNTS=""
FINISHED=1
CRASHED=0
junit() { # NAME SECONDS [java options --] launcher arguments
    local name="$1" secs="$2"; shift 2
    local props=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do props+=("$1"); shift; done
    shift
    local log="$WORK/junit-$name.log"
    if [ "$secs" -lt 20 ]; then
        fail "$name: no time left (VIT_GPU_CHECK_SECONDS=$LIMIT)"
        row "$name" "not run" "no time left"
        return
    fi
    echo
    echo "== $name"
    timeout -k 10 "$secs" "$JAVA" "${JOPTS[@]}" "${props[@]}" -cp "$CP" org.junit.platform.console.ConsoleLauncher execute \
        --disable-banner --disable-ansi-colors --details=tree --details-theme=ascii "$@" >"$log" 2>&1
    local rc=$?
    grep -v '^WARNING: Using incubator modules' "$log" >>"$OUTDIR/tests.log"
    count() { sed -n "s/^\[ *\([0-9]*\) tests $1 .*/\1/p" "$log" | tail -n 1; }
    local ok failed aborted
    ok="$(count successful)"; failed="$(count failed)"; aborted="$(count aborted)"
    # The lines the tests print about what they compared (errors, memory), for the log and the table's notes.
    grep -E 'rel err|worst|free GPU memory|ok, worst|cubin|NVRTC|loaded .* strictly|child JVM' "$log" | sed 's/^[ |+`-]*//' \
        | head -n 200 | sed 's/^/  /'
    COUNTS="${ok:-0} passed, ${failed:-?} failed, ${aborted:-?} skipped"
    # A class path entry JUnit could not read is only a warning to it; here it means tests that never ran.
    if grep -q 'Error scanning files' "$log"; then
        fail "$name: JUnit could not scan part of the class path; see tests.log"
    fi
    if [ "$(count found)" = 0 ]; then
        fail "$name: no tests found"
    fi
    echo "$name: $COUNTS (exit $rc)"
    FINISHED=1
    [ -n "$ok" ] || FINISHED=0
    CRASHED=0
    [ -z "$ok" ] && [ $rc -ne 124 ] && [ $rc -ne 137 ] && CRASHED=1
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        fail "$name: stopped after $secs s"
    elif [ -z "$ok" ]; then
        fail "$name: the JUnit launcher did not finish (exit $rc); see tests.log"
        tail -n 20 "$log"
    elif [ "$failed" != 0 ] || [ $rc -ne 0 ]; then
        fail "$name: $failed failed"
        grep -E '\[X\]' "$log" | head -n 20
    fi
    if [ "${aborted:-0}" != 0 ]; then
        local why
        why="$(grep -E '\[A\]' "$log" | head -n 30)"
        if [ "$GPU" = 1 ] && [[ "$name" != "CUDA support tests" ]]; then
            fail "$name: $aborted GPU tests skipped on a machine with a usable GPU"
            echo "$why"
        fi
    fi
    if [ "$FINISHED" = 1 ]; then
        row "$name" "$COUNTS" ""
    else
        COUNTS="did not finish (exit $rc)"
        row "$name" "$COUNTS" "$(grep -v '^WARNING: Using incubator' "$log" | grep . | tail -n 1 | cut -c1-240 | tr '|' '/')"
    fi
}

junit "GPU tests" "$(budget 240)" -- --include-tag gpu \
    --select-package vit.tensor.cuda --select-class vit.tensor.einops.CudaParityTest \
    --select-class vit.model.ViTTest --select-class vit.model.CudaMemoryTest --select-class vit.model.TimmReferenceTest
[ "$GPU" = 1 ] || ROWS[${#ROWS[@]}-1]="| GPU tests | skipped: no usable GPU | ${COUNTS} (the probe's reason above) |"
if [ "$GPU" = 1 ] && [ "$CRASHED" = 1 ]; then
    # The JVM died (a native crash): one JVM per class says which classes run and which take the JVM down.
    for c in vit.tensor.cuda.CudaBackendTest vit.tensor.cuda.CudaMemoryTest vit.tensor.einops.CudaParityTest \
        vit.model.ViTTest vit.model.CudaMemoryTest vit.model.TimmReferenceTest; do
        junit "GPU tests: ${c#vit.}" "$(budget 60)" -- --include-tag gpu --select-class "$c"
    done
fi
junit "CUDA support tests" "$(budget 150)" -- --exclude-tag gpu \
    --select-package vit.tensor.cuda --select-class vit.model.TimmReferenceTest

# ---------------------------------------------------------------------------------------------------- timm (java)
echo
echo "== The loader against timm"
if [ "$HAVE_TIMM" = 0 ]; then
    echo "timm check skipped: $TIMM_WHY"
    row "timm loader check" "skipped" "$TIMM_WHY"
else
    wait "$TIMM_PID"
    rc="$(cat "$WORK/timm-python.rc" 2>/dev/null || echo '?')"
    cat "$WORK/timm-python.log" >>"$OUTDIR/timm.log"
    grep '^timm ' "$WORK/timm-python.log" | sed 's/^/  /'
    if [ "$rc" != 0 ]; then
        fail "gpu_torch.py references (exit $rc): $(tail -n 1 "$WORK/timm-python.log")"
        row "timm loader check" "FAILED" "gpu_torch.py references exit $rc; see timm.log"
    else
        before=${#ROWS[@]}
        junit "timm loader check" "$(budget 180)" "-Dvit.timm.references=$WORK/timm" -- --select-class vit.model.TimmReferenceTest
        grep -E 'timm .* rel err' "$WORK/junit-timm loader check.log" 2>/dev/null | sed 's/^[ |+`-]*//' >>"$OUTDIR/timm.log"
        notes="$(grep -E 'logits \[.*rel err' "$WORK/junit-timm loader check.log" 2>/dev/null | sed 's/^[ |+`-]*timm //; s/ max abs.*//' \
            | paste -sd ';' | sed 's/;/; /g')"
        [ -n "$notes" ] || notes="$(grep -m1 -E '\[X\]' "$WORK/junit-timm loader check.log" | sed 's/^[ |+`-]*//' | cut -c1-240 | tr '|' '/')"
        [ ${#ROWS[@]} -gt "$before" ] && ROWS[${#ROWS[@]}-1]="| timm loader check | $COUNTS | $notes |"
    fi
fi

# ---------------------------------------------------------------------------------------------------- timings
echo
echo "== ViT-B/16 forward (timm's layout, random weights, 224x224): ours and PyTorch eager"
BENCH="$WORK/bench.log"
: >"$BENCH"
if [ "$GPU" = 0 ]; then
    echo "timings skipped: no usable GPU"
    row "ViT-B/16 timings" "skipped" "no usable GPU"
else
    for tf32 in false true; do
        s="$(budget 120)"
        if [ "$s" -lt 20 ]; then fail "java timings (tf32=$tf32): no time left"; continue; fi
        timeout -k 10 "$s" "$JAVA" "${JOPTS[@]}" -Dvit.cuda.tf32=$tf32 -cp "$CP" vit.model.ForwardTimings cuda 1:30 64:10 \
            2>&1 | grep -v '^WARNING: Using incubator modules' | tee -a "$BENCH"
        st=${PIPESTATUS[0]}
        [ "$st" = 0 ] || fail "java timings (tf32=$tf32) exited with $st"
    done
    if [ "$HAVE_TIMM" = 1 ]; then
        s="$(budget 150)"
        if [ "$s" -lt 20 ]; then
            fail "PyTorch timings: no time left"
        else
            PYTHONUNBUFFERED=1 timeout -k 10 "$s" "$PY" "$HERE/scripts/gpu_torch.py" bench --runs 1:30 64:10 2>&1 | tee -a "$BENCH"
            st=${PIPESTATUS[0]}
            [ "$st" = 0 ] || fail "PyTorch timings exited with $st"
        fi
    else
        echo "PyTorch timings skipped: $TIMM_WHY" | tee -a "$BENCH"
    fi
    # One image's logits against the CPU's: fp32 must agree to float32 rounding; TF32 (10-bit mantissas) should not.
    err() { sed -n "s/^java cuda $1 logits vs cpu at batch 1: rel err \([0-9.e+-]*\)$/\1/p" "$BENCH" | head -n 1; }
    e32="$(err fp32)"; etf="$(err tf32)"
    [ -n "$e32" ] && awk -v e="$e32" 'BEGIN { exit !(e > 1e-4) }' && fail "java cuda fp32 logits differ from the CPU's by $e32 (> 1e-4)"
    tf32note="no TF32 result"
    [ -n "$etf" ] && tf32note="TF32 in effect"
    [ -n "$etf" ] && awk -v e="$etf" 'BEGIN { exit !(e < 1e-5) }' && tf32note="TF32 asked for but the logits are fp32's: no TF32?"
    row "ViT-B/16 timings" "see below" "logits vs CPU at batch 1: fp32 ${e32:-?}, TF32 ${etf:-?} ($tf32note)"
fi
cat "$BENCH" >>"$OUTDIR/bench.log"

# ---------------------------------------------------------------------------------------------------- summary
# "java cuda fp32 batch 1: median 4.12 ms, 242.7 images/s (...)" -> the ms and images/s of one cell.
cell() {
    local c
    c="$(sed -n "s/^$1 cuda $2 batch $3: median \([0-9.]*\) ms, \([0-9.]*\) images\/s.*/\1 ms, \2 img\/s/p" "$BENCH" | head -n 1)"
    echo "${c:-no result}"
}
{
    echo "# GPU check: $MACHINE"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $SECONDS s; bundle built $(cat "$HERE/BUILT" 2>/dev/null || echo '?')."
    echo
    echo "| step | result | notes |"
    echo "| --- | --- | --- |"
    printf '%s\n' "${ROWS[@]}"
    if [ "$GPU" = 1 ]; then
        echo
        echo "ViT-B/16 forward, median ms and images/s (ours: each forward in a MemoryScope, timed to the logits' download;"
        echo "PyTorch: eager, CUDA events):"
        echo
        echo "| | batch | fp32 | TF32 |"
        echo "| --- | --- | --- | --- |"
        for who in java torch; do
            for b in 1 64; do
                echo "| $([ $who = java ] && echo 'ours (Java)' || echo 'PyTorch eager') | $b | $(cell $who fp32 $b) | $(cell $who tf32 $b) |"
            done
        done
    fi
    echo
    if [ ${#FAILURES[@]} -eq 0 ]; then
        echo "**Result: passed.**"
    else
        echo "**Result: ${#FAILURES[@]} failure(s):**"
        echo
        printf -- '- %s\n' "${FAILURES[@]}"
    fi
    echo
    echo "Logs beside this file: run.log (everything printed), machine.log, tests.log, timm.log, bench.log."
} >"$OUTDIR/summary.md"
echo
cat "$OUTDIR/summary.md"
rm -rf "$WORK"
status=0
[ ${#FAILURES[@]} -eq 0 ] || status=1
# Let tee write the last lines before the command ends.
exec >&- 2>&-
wait "$TEE_PID" 2>/dev/null
exit $status
