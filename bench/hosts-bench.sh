#!/usr/bin/env bash
# Applies cluster.yaml to 1, 5 and 20 lab hosts (real OpenSSH servers in namespaces, see
# docs/lab.md) with a 100 MB stand-in k0s, and prints wall time and per-phase times of the first
# apply and of a no-op re-apply. Needs root (the lab). Targets (docs/hosts.md): no-op re-apply on
# 20 hosts < 5 s; first apply on 20 hosts <= 2x the 1-host time.
#   bench/hosts-bench.sh            # 1,5,20 hosts
#   HOSTS=1,20 bench/hosts-bench.sh
#   JVM_FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" bench/hosts-bench.sh   # as ./cfctl runs
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
