#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Compares two JDKs on the same benchmarks, taking turns: the ViT-B/16 forward at batch 1 and 8 (`vit bench`: ms and
# the share of the ceiling) and chapter 08's training (`vit train`, median step). On a shared virtual machine one
# process moves by 10-25% from the next, as much as the difference being looked for, and the host drifts over
# minutes, while bench-matrix.sh times each JDK once, minutes apart. Here the two alternate ROUNDS times (the order
# flipped every round) and each cell is the median of its rounds, beside the spread, so that "within 10% of each
# other" can be read off one table.
#
#   scripts/jdk-ab.sh                          # after ./mvnw install: Java on PATH against the newest /usr/lib/jvm/temurin-*
#   ROUNDS=5 WIDTH=-XX:UseAVX=2 scripts/jdk-ab.sh /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64
#
# Settings: ROUNDS (default 4), WIDTH (a JVM flag such as -XX:UseAVX=2 or -XX:MaxVectorSize=16; default none), ITERS and
# WARMUP (forwards per bench run; default 5 and 2), STEPS (timed training steps; default 48), THREADS (default 2).
# Run nothing else meanwhile: two benchmarks on 2 cores halve each other.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
ROUNDS=${ROUNDS:-4}
WIDTH=${WIDTH:-}
ITERS=${ITERS:-5}
WARMUP=${WARMUP:-2}
STEPS=${STEPS:-48}
THREADS=${THREADS:-2}
[ -x ./vit ] && ./vit --help >/dev/null 2>&1 || { echo "error: build first: ./mvnw install" >&2; exit 1; }

home_of() { dirname "$(dirname "$(readlink -f "$(command -v "$1")")")"; }
a=${1:-$(home_of java)}
b=${2:-$(ls -d /usr/lib/jvm/temurin-* 2>/dev/null | sort -V | tail -n 1)}
[ -n "$b" ] || { echo "error: no second JDK: name two JDK homes, or install one as /usr/lib/jvm/temurin-*" >&2; exit 2; }
for h in "$a" "$b"; do
  [ -x "$h/bin/java" ] || { echo "error: no JDK at $h (expected $h/bin/java)" >&2; exit 2; }
done
jdk_name() { "$1/bin/java" -version 2>&1 | head -n 1 | sed -E 's/.*version "([^"]+)".*/\1/'; }
names=("JDK $(jdk_name "$a")" "JDK $(jdk_name "$b")")
homes=("$a" "$b")

# One run of each benchmark on JDK $1 (0 or 1): appends "ms ms images/s % %" to values[$1] (the last two: each
# forward's share of the ceiling that bench measured in the same process).
declare -a values=("" "")
# forward HOME BATCH: "ms %" of one bench run, or nothing when it printed no figure.
forward() {
  JAVA_HOME="$1" VIT_JAVA_OPTS="$WIDTH" ./vit bench --preset vit-b-16 --batch "$2" --threads "$THREADS" --iters "$ITERS" --warmup "$WARMUP" 2>&1 |
    awk '/^median [0-9.]+ ms per forward/ && !ms { ms = $2 } match($0, /: [0-9.]+% of it/) && !pct { pct = substr($0, RSTART + 2, RLENGTH - 9) }
      END { if (ms != "" && pct != "") print ms, pct }'
}
run_one() {
  local h=${homes[$1]} f1 f8 p1 p8 tr
  read -r f1 p1 <<< "$(forward "$h" 1)" || true
  read -r f8 p8 <<< "$(forward "$h" 8)" || true
  tr=$(JAVA_HOME="$h" VIT_JAVA_OPTS="$WIDTH" ./vit train --epochs 1 --batch 128 --max-steps $((STEPS + 3)) --limit $((128 * (STEPS + 3))) \
    --test-limit 256 --threads "$THREADS" 2>&1 | grep -a "images/s, per step" | tail -n 1 | sed -nE 's/.*median step [0-9]+ ms.*\(([0-9]+) images\/s.*/\1/p')
  [ -n "$f1" ] && [ -n "$f8" ] && [ -n "$p1" ] && [ -n "$p8" ] && [ -n "$tr" ] ||
    { echo "error: a run on ${names[$1]} gave no figure (forward $f1 / $f8 ms, $p1 / $p8% of the ceiling, training $tr images/s)" >&2; exit 1; }
  values[$1]+="$f1 $f8 $tr $p1 $p8;"
  echo "round $2, ${names[$1]}: forward $f1 ms ($p1% of the ceiling, batch 1), $f8 ms ($p8%, batch 8), training $tr images/s" >&2
}

for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then run_one 0 "$r"; run_one 1 "$r"; else run_one 1 "$r"; run_one 0 "$r"; fi
done

# stats COLUMN JDK: the median of one column over the rounds, its lowest and its highest.
stats() {
  tr ';' '\n' <<< "${values[$2]}" | awk -v c="$1" 'NF { print $c }' | sort -g |
    awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f %.1f", m, v[1], v[NR] }'
}
echo "CPU $(sed -nE 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), width ${WIDTH:-native}, $THREADS threads, $ROUNDS rounds each (median, lowest-highest)"
echo
echo "| what | ${names[0]} | ${names[1]} | behind the other |"
echo "|---|---|---|---|"
col=1
for what in "forward, batch 1 (ms)" "forward, batch 8 (ms)" "training, batch 128 (images/s)" "forward, batch 1 (% of the ceiling)" \
  "forward, batch 8 (% of the ceiling)"; do
  read -r m0 lo0 hi0 <<< "$(stats $col 0)"
  read -r m1 lo1 hi1 <<< "$(stats $col 1)"
  # Times: the larger one is behind; images/s and shares: the smaller one. By how much of the faster one's figure.
  behind=$(awk -v x="$m0" -v y="$m1" -v rate=$((col >= 3)) -v n0="${names[0]}" -v n1="${names[1]}" 'BEGIN {
    slow0 = rate ? x < y : x > y; if (x == y) { print "neither"; exit }
    printf "%s by %.0f%%", slow0 ? n0 : n1, 100 * (rate ? (slow0 ? 1 - x / y : 1 - y / x) : (slow0 ? x / y - 1 : y / x - 1)) }')
  echo "| $what | $m0 ($lo0-$hi0) | $m1 ($lo1-$hi1) | $behind |"
  col=$((col + 1))
done
