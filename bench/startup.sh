#!/usr/bin/env bash
# Start-up time of the CLI, side by side with a hello-world JVM on the same machine, in one run:
# hello, `./cfctl --version` and `./cfctl validate examples/single/cluster.yaml`, interleaved so
# that a change in the machine's load hits all three alike. Prints the best and the median of N
# runs each (default 10; best-of-N is the figure to compare on a shared machine) and the ratio of
# each best to hello's best, for wall time and for CPU time (user + sys, which a busy machine
# disturbs less; the JIT compiler thread counts in it). Targets (issue 12, wall): --version <= 3x,
# validate <= 5x.
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

declare -A wall cpu
TIMEFORMAT='%3R %3U %3S'
for ((i = 0; i < n; i++)); do
  for k in "${!cmds[@]}"; do
    # bash's `time` reads the child's rusage: wall and CPU (user + sys) in ms
    t=$({ time ${cmds[$k]} >/dev/null 2>&1; } 2>&1 || true)
    read -r r u s <<<"$t"
    wall[$k]+="$(awk -v r="$r" 'BEGIN { printf "%d", r * 1000 }') "
    cpu[$k]+="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1000 }') "
  done
done

sorted() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -n | tr '\n' ' '; }
echo "$("$java" -version 2>&1 | sed -n 1p); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg); $n runs each"
printf '%-10s %9s %9s %7s   %9s %7s\n' what "best wall" median ratio "best CPU" ratio
for k in "${!cmds[@]}"; do
  read -r -a w <<<"$(sorted "${wall[$k]}")"
  read -r -a c <<<"$(sorted "${cpu[$k]}")"
  [ "$k" = 0 ] && { hw=${w[0]}; hc=${c[0]}; }
  printf '%-10s %6s ms %6s ms %7s   %6s ms %7s\n' "${names[$k]}" "${w[0]}" "${w[$((${#w[@]} / 2))]}" \
    "$(awk -v b="${w[0]}" -v h="$hw" 'BEGIN { printf "%.1fx", b / h }')" "${c[0]}" \
    "$(awk -v b="${c[0]}" -v h="$hc" 'BEGIN { printf "%.1fx", b / h }')"
done
