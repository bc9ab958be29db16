#!/usr/bin/env bash
# Applies cluster.yaml to 1, 5 and 20 lab hosts (real OpenSSH servers in namespaces, see
# docs/lab.md) with a 100 MB stand-in k0s, and prints wall time and per-phase times of the first
# apply and of a no-op re-apply. Needs root (the lab). Targets (docs/hosts.md): no-op re-apply on
# 20 hosts < 5 s; first apply on 20 hosts <= 2x the 1-host time.
# Then, in the same run, the JVM start-up of `./cfctl validate examples/single/cluster.yaml`
# (best of 5) and the best of three no-op re-applies beside it: issue 12's target is a no-op re-apply of 3 hosts
# under twice that start-up (HOSTS=3 bench/hosts-bench.sh).
#   bench/hosts-bench.sh            # 1,5,20 hosts
#   HOSTS=1,20 bench/hosts-bench.sh
#   JVM_FLAGS="-XX:TieredStopAtLevel=1" bench/hosts-bench.sh   # C1 only, as ./cfctl runs short commands
# (./cfctl runs apply, diff, status, reset, kubeconfig, backup and nodes with the default JIT,
# the bench JVM's default)
# cfctl's digest cache goes to the test's XDG_CACHE_HOME (cfctl-k0s/target/xdg-cache).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(pwd)/cfctl-k0s/target/hosts-bench.txt"
# HostsBenchTest is a lab-tier test: failsafe runs it (-Dit.test); -Dtest=none skips the unit tests
mvn -B -o -q -pl cfctl-k0s -am verify -Dspotless.check.skip=true \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=HostsBenchTest -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dcfctl.bench=true -Dcfctl.bench.hosts="${HOSTS:-1,5,20}" -Dcfctl.bench.out="$out" \
  -DargLine="${JVM_FLAGS:-} -Dcfctl.bench=true -Dcfctl.bench.hosts=${HOSTS:-1,5,20} -Dcfctl.bench.out=$out" \
  >/dev/null 2>&1 || { echo "bench failed; see cfctl-k0s/target/failsafe-reports" >&2; exit 1; }
cat "$out"

# side by side: validate's start-up, measured now, and each no-op re-apply of this run
[ -f cfctl-cli/target/cfctl.jar ] || mvn -B -o -q -DskipTests -Dspotless.check.skip=true package
./cfctl validate examples/single/cluster.yaml >/dev/null 2>&1 || true # makes the CDS archive
best=
for _ in 1 2 3 4 5; do
  s=$(date +%s%N)
  ./cfctl validate examples/single/cluster.yaml >/dev/null 2>&1 || true
  ms=$((($(date +%s%N) - s) / 1000000))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
echo
echo "cfctl validate start-up (best of 5, this run): $best ms"
sed -n 's/^\([0-9]*\) host(s): .*no-op re-apply \([0-9.]*\) s$/\1 \2/p' "$out" |
  while read -r hosts secs; do
    awk -v h="$hosts" -v s="$secs" -v v="$best" 'BEGIN {
      printf "%s host(s): no-op re-apply %d ms = %.1fx validate start-up (target < 2x)\n", h, s * 1000, s * 1000 / v }'
  done
