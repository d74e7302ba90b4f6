#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Times the ViT-B/16 forward (timm variant, batch 1 and 8) and chapter 08's training at every vector width this
# machine can run and on every installed JDK, beside libtorch 2.10 (../shared/torch-ref, when built in /tmp as its
# README says) and PyTorch 1.13 (when /usr/bin/python3 has torch), and prints one markdown table.
#
#   scripts/bench-matrix.sh                     # after ./mvnw install; about 15 minutes on 2 cores
#   ITERS=10 THREADS=2 scripts/bench-matrix.sh  # settings: ITERS, WARMUP, THREADS, STEPS (training steps, the JIT's warm-up included), TORCH_REF, JDKS
#
# Widths: the machine's own; on an AVX-512 machine also -XX:UseAVX=2 (AVX2's 16 registers of 256 bits); and
# -XX:MaxVectorSize=16 (128-bit lanes, as NEON). JDKS: the java on PATH (or $JAVA_HOME) and each
# /usr/lib/jvm/temurin-* beside it. Run nothing else meanwhile: two benchmarks on 2 cores halve each other.
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

jdk_name() { "$1" -version 2>&1 | head -n 1 | sed -E 's/.*version "([^"]+)".*/\1/'; }
field() { sed -nE "$1" <<< "$2" | head -n 1; }

rows=()
header=""
declare -A ms_of
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
      ms_of["$j|$w|$b"]=$ms
      rows+=("| JDK $(jdk_name "$j") | ${w:-native} | forward, batch $b | $ms ms | $gf | $ceil | $pct% | RATIO$b |")
    done
    tr=$(JAVA_HOME="$home" VIT_JAVA_OPTS="$w" ./vit train --epochs 1 --batch 128 --max-steps "$STEPS" --limit $((128 * STEPS)) --test-limit 256 --threads "$THREADS" 2>&1 | sed -nE 's/^ +([0-9]+) images\/s.*/\1/p' | tail -n 1) || tr="(failed)"
    rows+=("| JDK $(jdk_name "$j") | ${w:-native} | training, batch 128 | $tr images/s | | | | TRAINRATIO |")
  done
done

lt1="" lt8=""
if [ -f "$TORCH_REF" ]; then
  d=$(dirname "$TORCH_REF")/../data
  mkdir -p "$d"
  [ -f "$d/vit-base.safetensors" ] || java -jar "$TORCH_REF" gen-weights --config base --seed 0 --classes 1000 --out "$d/vit-base.safetensors" >/dev/null
  for b in 1 8; do
    # Twice at most: libtorch has crashed once while loading its natives, and one missing cell costs a column of ratios.
    m=""
    for try in 1 2; do
      m=$(OMP_WAIT_POLICY=PASSIVE java -jar "$TORCH_REF" bench --weights "$d/vit-base.safetensors" --batch "$b" --threads "$THREADS" --iters "$ITERS" --warmup "$WARMUP" 2>&1 | sed -nE 's/.*median ([0-9.]+) ms per forward.*/\1/p' | head -n 1) || m=""
      [ -n "$m" ] && break
    done
    rows+=("| libtorch 2.10 + OpenBLAS | | forward, batch $b | ${m:-(failed)} ms | | | | 1.00 |")
    [ "$b" = 1 ] && lt1=$m || lt8=$m
  done
fi
pt_train=""
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  script=cli/scripts/bench_pytorch.py
  for b in 1 8; do
    m=$(/usr/bin/python3 "$script" --batch "$b" --threads "$THREADS" --iters "$ITERS" --warmup "$WARMUP" | sed -nE 's/^median ([0-9.]+) ms.*/\1/p') || m="(failed)"
    rows+=("| PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') | | forward, batch $b | $m ms | | | | |")
  done
  pt_train=$(/usr/bin/python3 "$script" --train --batch 128 --threads "$THREADS" --iters "$STEPS" --warmup 3 | sed -nE 's/^([0-9]+) images\/s/\1/p') || pt_train=""
  rows+=("| PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') | | training, batch 128 | $pt_train images/s | | | | 1.00 |")
fi

echo "$header"
echo
echo "| runtime | vector width | what | time | GFLOP/s | ceiling GFLOP/s | % of ceiling | ratio |"
echo "|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  ms=$(sed -nE 's/.*\| ([0-9.]+) ms \|.*/\1/p' <<< "$r")
  ratio="n/a"
  case "$r" in
    *RATIO[18]*)
      b=${r##*RATIO}; b=${b%% *}
      [ "$b" = 1 ] && lt=$lt1 || lt=$lt8
      [ -n "$lt" ] && [ -n "$ms" ] && ratio="$(awk -v a="$ms" -v b="$lt" 'BEGIN { printf "%.2fx libtorch", a / b }')"
      r=${r/RATIO$b/$ratio} ;;
    *TRAINRATIO*)
      ips=$(sed -nE 's/.*\| ([0-9]+) images\/s \|.*/\1/p' <<< "$r")
      [ -n "$pt_train" ] && [ -n "$ips" ] && ratio="$(awk -v a="$ips" -v b="$pt_train" 'BEGIN { printf "%.2fx PyTorch", a / b }')"
      r=${r/TRAINRATIO/$ratio} ;;
  esac
  echo "$r"
done
