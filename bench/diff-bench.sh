#!/usr/bin/env bash
# Diff of 1,000 generated objects (desired vs live, ~8% drift incl. Secrets), printed as
# text, json and markdown. Wall time of each run includes JVM start, YAML parsing, normalising,
# masking, diffing and rendering. Target: < 3 s per run (issue 7).
# Usage: bench/diff-bench.sh [objects]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mvn -B -o -q -pl cfctl-core -am test-compile -Dspotless.check.skip=true >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
# In one reactor run, so the cfctl-grendel test-jar comes from the reactor, not ~/.m2.
mvn -B -o -q -pl cfctl-core -am package -DskipTests -Dspotless.check.skip=true \
  dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
cp="cfctl-core/target/classes:cfctl-core/target/test-classes:$(cat "$work/cp.txt")"
main=io.clusterfactory.cfctl.core.diff.DiffBench
jvm=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$cp")

"${jvm[@]}" "$main" generate "$work/objects" "$count"
echo "objects: $count  ($(grep -c '^kind:' "$work/objects/desired.yaml") desired, $(grep -c '^kind:' "$work/objects/live.yaml") live)"
echo "cpu: $(nproc) cores; $(java -version 2>&1 | head -1)"
status=0
for format in text json markdown; do
  best=""
  for run in 1 2 3; do
    start=$(date +%s%N)
    "${jvm[@]}" "$main" diff "$work/objects" "$format" >"$work/out.$format"
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [[ -z "$best" || $ms -lt $best ]]; then best=$ms; fi
  done
  size=$(wc -c <"$work/out.$format")
  verdict=ok; if (( best >= 3000 )); then verdict=SLOW; status=1; fi
  printf 'diff -o %-8s best of 3: %5d ms  output %8d bytes  %s\n' "$format" "$best" "$size" "$verdict"
done
summary=$(grep -o 'Plan: .*' "$work/out.text" || true)
echo "$summary"
# generated passwords are pw-<n>[-rotated]; base64 of "pw-" is "cHct"
if grep -q -e 'pw-[0-9]' -e 'cHct' "$work"/out.*; then
  echo "FAIL: a secret value appears in the output" >&2
  status=1
fi
exit $status
