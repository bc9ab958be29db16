#!/usr/bin/env bash
# Start-up time of the CLI, side by side with a hello-world JVM on the same machine, in one run:
# hello, `./cfctl --version` and `./cfctl validate examples/single/cluster.yaml`, interleaved so
# that a change in the machine's load hits all three alike. Prints the best and the median of N
# runs each (default 10; best-of-N is the figure to compare on a shared machine) and the ratio of
# each best to hello's best. Targets (issue 12): --version <= 3x, validate <= 5x.
# Usage: bench/startup.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10}"
[ -f cfctl-cli/target/cfctl.jar ] || mvn -B -q -DskipTests package
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
  >"$tmp/Hello.java"
"$javac" -d "$tmp" "$tmp/Hello.java"

names=(hello --version validate)
cmds=(
  "$java -cp $tmp Hello"
  "./cfctl --version"
  "./cfctl validate examples/single/cluster.yaml"
)
for c in "${cmds[@]}"; do $c >/dev/null 2>&1 || true; done # warm the page cache, make the archive

declare -A times
for ((i = 0; i < n; i++)); do
  for k in "${!cmds[@]}"; do
    s=$(date +%s%N)
    ${cmds[$k]} >/dev/null 2>&1 || true
    e=$(date +%s%N)
    times[$k]+="$(((e - s) / 1000000)) "
  done
done

echo "$("$java" -version 2>&1 | sed -n 1p); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %8s %8s %7s\n' what best median ratio
hello_best=""
for k in "${!cmds[@]}"; do
  read -r -a sorted <<<"$(tr ' ' '\n' <<<"${times[$k]}" | sed '/^$/d' | sort -n | tr '\n' ' ')"
  best=${sorted[0]}
  median=${sorted[$((${#sorted[@]} / 2))]}
  [ -z "$hello_best" ] && hello_best=$best
  ratio=$(awk -v b="$best" -v h="$hello_best" 'BEGIN { printf "%.1fx", b / h }')
  printf '%-10s %6s ms %6s ms %7s\n' "${names[$k]}" "$best" "$median" "$ratio"
done
