#!/usr/bin/env bash
# Benchmark of cfctl-grendel on a 10,000-node inventory.
#  1. end to end in a fresh JVM: load the grendel block, expand the nodeset, read the MAC CSV,
#     validate, render hosts.json, images.json and slurm node lines (wall time incl. JVM start,
#     peak RSS from /usr/bin/time -v). Target: < 1.5 s.
#  2. sync plan of 10,000 desired nodes against a server holding 9,000 of them (450 changed) plus
#     100 foreign nodes, with prune. Target: < 1 s of work.
#  0. nodeset expand/fold of 10,000 names in one JVM (cold, then warm rounds). Target: milliseconds.
# Usage: bench/grendel-bench.sh [NODES]   (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
nodes="${1:-10000}"
module=cfctl-grendel

if [[ ! -d $module/target/test-classes/io/clusterfactory/cfctl/grendel/bench ]]; then
  mvn -B -o -q -pl "$module" test-compile -Dspotless.check.skip=true
fi
cpfile="$module/target/bench-classpath.txt"
if [[ ! -s $cpfile ]]; then
  mvn -B -o -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=compile \
    -Dmdep.outputFile="$(pwd)/$cpfile" >/dev/null
fi
cp="$module/target/classes:$module/target/test-classes:$(cat "$cpfile")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
awk -v n="$nodes" 'BEGIN {
  print "name,mac,bmc_mac"
  for (i = 1; i <= n; i++)
    printf "cn%05d,02:00:00:%02x:%02x:%02x,06:00:00:%02x:%02x:%02x\n", i, int(i/65536), int(i/256)%256, i%256, int(i/65536), int(i/256)%256, i%256
}' >"$work/nodes.csv"
cat >"$work/grendel.json" <<JSON
{
  "nodeName": "mgmt0", "interface": "eth1", "address": "10.100.0.3/16",
  "bmcSubnet": "10.101.0.0/16", "gateway": "10.100.0.1", "dnsServers": ["10.100.0.3"],
  "domain": "hpc.example.org", "apiGeneration": "v0.2",
  "images": [{"name": "squareos-9.2", "kernel": "/var/lib/grendel/vmlinuz",
              "initrds": ["/var/lib/grendel/initramfs.img"], "liveImage": "/var/lib/grendel/root.squashfs",
              "cmdline": "root=live:{{ \$.endpoints.LiveImageURL }} BOOTIF={{ \$.nic.MAC }} rd.neednet=1"}],
  "groups": [{"name": "compute", "nodes": "cn[00001-$(printf %05d "$nodes")]", "image": "squareos-9.2",
              "firmware": "snponly-x86_64.efi", "tags": ["compute"], "ipStart": "10.100.1.1",
              "bmcStart": "10.101.1.1", "bmc": {"userEnv": "BMC_USER", "passwordEnv": "BMC_PASSWORD"},
              "slurm": {"cpus": 64, "sockets": 2, "coresPerSocket": 16, "threadsPerCore": 2, "realMemory": 256000},
              "partitions": ["batch"]}],
  "inventory": "nodes.csv"
}
JSON

echo "== cfctl-grendel bench: $nodes nodes ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $(java -version 2>&1 | head -1))"
e2e() { # $1 = label, rest = JVM options
  local label="$1"; shift
  for run in 1 2 3; do
    /usr/bin/time -v java "$@" -cp "$cp" io.clusterfactory.cfctl.grendel.bench.GrendelBench \
      e2e "$work/grendel.json" "$work/out" >"$work/e2e.out" 2>"$work/e2e.time"
    wall=$(grep 'Elapsed (wall clock)' "$work/e2e.time" | awk '{print $NF}')
    user=$(grep 'User time' "$work/e2e.time" | awk '{print $NF}')
    sys=$(grep 'System time' "$work/e2e.time" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$work/e2e.time" | awk '{print $NF}')
    echo "e2e $label run $run: wall $wall (m:ss), cpu user ${user}s sys ${sys}s, peak RSS $((rss / 1024)) MB | $(grep nodes= "$work/e2e.out")"
  done
}
java -cp "$cp" io.clusterfactory.cfctl.grendel.bench.GrendelBench nodeset
e2e "default JVM"
e2e "C1 only (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
java -cp "$cp" io.clusterfactory.cfctl.grendel.bench.GrendelBench plan "$work/grendel.json"
