#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Times the ViT-B/16 forward (timm variant, batch 1 and 8) and chapter 08's training at every vector width this
# machine can run and on every installed JDK, beside libtorch 2.10 (../shared/torch-ref, when built in /tmp as its
# README says) and PyTorch 1.13 (when /usr/bin/python3 has torch), and prints one markdown table.
#
#   scripts/bench-matrix.sh                     # after ./mvnw install; about 25 minutes on 2 cores
#   ITERS=10 THREADS=2 scripts/bench-matrix.sh  # settings: ITERS, WARMUP, THREADS, STEPS (training steps), TORCH_REF, JDKS
#
# Widths: the machine's own; on an AVX-512 machine also -XX:UseAVX=2 (AVX2's 16 registers of 256 bits); and
# -XX:MaxVectorSize=16 (128-bit lanes, as NEON). JDKS: the java on PATH (or $JAVA_HOME) and each
# /usr/lib/jvm/temurin-* beside it. Run nothing else meanwhile: two benchmarks on 2 cores halve each other.
#
# The yardsticks run at each width too, as they would on a machine of that width: on x86, OpenBLAS's kernels are
# chosen with OPENBLAS_CORETYPE (Haswell for AVX2; Nehalem, SSE4.2 without FMA, the nearest x86 has to 128-bit NEON)
# and ATen's with ATEN_CPU_CAPABILITY (avx2, default). Each row has two ratios: to the yardstick at the same width,
# and to the yardstick at the machine's own width (what it does on this machine, unrestricted).
#
# Training: both sides time STEPS steps after 3 warm-up steps and take the median step (the JIT keeps warming up for
# longer than that; the "whole run" figure is images over the time of all steps, warm-up included).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
ITERS=${ITERS:-5}
WARMUP=${WARMUP:-2}
THREADS=${THREADS:-2}
STEPS=${STEPS:-48}
TORCH_REF=${TORCH_REF:-/tmp/torch-ref/target/torch-ref.jar}
[ -x ./vit ] && ./vit --help >/dev/null 2>&1 || { echo "error: build first: ./mvnw install" >&2; exit 1; }

javas=()
if [ -n "${JDKS:-}" ]; then
  read -r -a javas <<< "$JDKS"
else
  javas+=("${JAVA_HOME:+$JAVA_HOME/bin/}java")
  for j in /usr/lib/jvm/temurin-*/bin/java; do [ -x "$j" ] && javas+=("$j"); done
fi
widths=("")
grep -q avx512f /proc/cpuinfo 2>/dev/null && widths+=("-XX:UseAVX=2")
widths+=("-XX:MaxVectorSize=16")

# The environment that holds the yardsticks to a width ("" for none; "-" when this machine cannot).
yardstick_env() {
  case "$(uname -m)|$1" in
    *\|) echo "" ;;
    x86_64\|-XX:UseAVX=2) echo "OPENBLAS_CORETYPE=Haswell ATEN_CPU_CAPABILITY=avx2" ;;
    x86_64\|-XX:MaxVectorSize=16) echo "OPENBLAS_CORETYPE=Nehalem ATEN_CPU_CAPABILITY=default" ;;
    *) echo "-" ;;
  esac
}
jdk_name() { "$1" -version 2>&1 | head -n 1 | sed -E 's/.*version "([^"]+)".*/\1/'; }
field() { sed -nE "$1" <<< "$2" | head -n 1; }
# ratio OURS YARDSTICK NAME: "0.85x libtorch" (time over time, or images/s over images/s), or n/a when either is missing.
ratio() { if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.2fx %s", a / b, n }'; else echo "n/a"; fi; }

rows=()
header=""
declare -A ref
for j in "${javas[@]}"; do
  home=$(dirname "$(dirname "$(readlink -f "$(command -v "$j")")")")
  for w in "${widths[@]}"; do
    for b in 1 8; do
      out=$(JAVA_HOME="$home" VIT_JAVA_OPTS="$w" ./vit bench --preset vit-b-16 --batch "$b" --threads "$THREADS" --iters "$ITERS" --warmup "$WARMUP" 2>&1) || { echo "$out" >&2; exit 1; }
      [ -z "$header" ] && header=$(grep -m 1 "^CPU " <<< "$out" || true)
      ms=$(field 's/^median ([0-9.]+) ms per forward.*/\1/p' "$out")
      gf=$(field 's/^([0-9.]+) GFLOP\/s \(.*/\1/p' "$out")
      ceil=$(field 's/.*ceiling ([0-9.]+) GFLOP\/s.*/\1/p' "$out")
      pct=$(field 's/.*: ([0-9.]+)% of it.*/\1/p' "$out")
      rows+=("JDK $(jdk_name "$j")|$w|forward, batch $b|$ms ms|$gf|$ceil|$pct%|forward$b|$ms")
    done
    tr=$(JAVA_HOME="$home" VIT_JAVA_OPTS="$w" ./vit train --epochs 1 --batch 128 --max-steps $((STEPS + 3)) --limit $((128 * (STEPS + 3))) --test-limit 256 --threads "$THREADS" 2>&1 | grep -a "images/s, per step" | tail -n 1) || tr=""
    whole=$(field 's/^ +([0-9]+) images\/s.*/\1/p' "$tr")
    median=$(field 's/.*median step ([0-9]+) ms.*\(([0-9]+) images\/s.*/\2/p' "$tr")
    rows+=("JDK $(jdk_name "$j")|$w|training, batch 128|${median:-(failed)} images/s (whole run ${whole:-?})||||train|$median")
  done
done

torch_version=""
/usr/bin/python3 -c 'import torch' 2>/dev/null && torch_version=$(/usr/bin/python3 -c 'import torch; print(torch.__version__)')
d=$(dirname "$TORCH_REF")/../data
if [ -f "$TORCH_REF" ]; then
  mkdir -p "$d"
  [ -f "$d/vit-base.safetensors" ] || java -jar "$TORCH_REF" gen-weights --config base --seed 0 --classes 1000 --out "$d/vit-base.safetensors" >/dev/null
fi
for w in "${widths[@]}"; do
  env=$(yardstick_env "$w")
  [ "$env" = "-" ] && continue
  label="${w:-native}${env:+ ($(sed -E 's/OPENBLAS_CORETYPE=/OpenBLAS /; s/ ATEN_CPU_CAPABILITY=/, ATen /' <<< "$env"))}"
  if [ -f "$TORCH_REF" ]; then
    for b in 1 8; do
      # Twice at most: libtorch has crashed once while loading its natives, and one missing cell costs a column of ratios.
      m=""
      for try in 1 2; do
        m=$(env $env OMP_WAIT_POLICY=PASSIVE java -jar "$TORCH_REF" bench --weights "$d/vit-base.safetensors" --batch "$b" --threads "$THREADS" --iters "$ITERS" --warmup "$WARMUP" 2>&1 | sed -nE 's/.*median ([0-9.]+) ms per forward.*/\1/p' | head -n 1) || m=""
        [ -n "$m" ] && break
      done
      ref["forward$b|$w"]=$m
      rows+=("libtorch 2.10 + OpenBLAS|$label|forward, batch $b|${m:-(failed)} ms||||yardstick|")
    done
  fi
  if [ -n "$torch_version" ]; then
    script=cli/scripts/bench_pytorch.py
    for b in 1 8; do
      m=$(env $env /usr/bin/python3 "$script" --batch "$b" --threads "$THREADS" --iters "$ITERS" --warmup "$WARMUP" | sed -nE 's/^median ([0-9.]+) ms.*/\1/p') || m=""
      rows+=("PyTorch $torch_version|$label|forward, batch $b|${m:-(failed)} ms||||yardstick|")
    done
    t=$(env $env /usr/bin/python3 "$script" --train --batch 128 --threads "$THREADS" --iters "$STEPS" --warmup 3 | sed -nE 's/^([0-9]+) images\/s/\1/p') || t=""
    ref["train|$w"]=$t
    rows+=("PyTorch $torch_version|$label|training, batch 128|${t:-(failed)} images/s||||yardstick|")
  fi
done

echo "$header"
echo
echo "| runtime | vector width | what | time | GFLOP/s | ceiling GFLOP/s | % of ceiling | ratio, same width | ratio, native yardstick |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r runtime w what time gf ceil pct kind value <<< "$r"
  same="n/a" native="n/a"
  case "$kind" in
    forward* | train)
      name=libtorch
      [ "$kind" = train ] && name=PyTorch
      [ "$(yardstick_env "$w")" != "-" ] && same=$(ratio "$value" "${ref[$kind|$w]:-}" "$name")
      native=$(ratio "$value" "${ref[$kind|]:-}" "$name") ;;
    yardstick) same="1.00" native="" ;;
  esac
  echo "| $runtime | ${w:-native} | $what | $time | $gf | $ceil | $pct | $same | $native |"
done
