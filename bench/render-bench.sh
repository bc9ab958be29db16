#!/usr/bin/env bash
# Renders examples/full with a generated 5,000-node inventory and prints wall time and peak memory
# (target: under 2 s end to end, JVM start included).
#   bench/render-bench.sh [NODES]
# Uses `cfctl render` from cfctl-cli/target/cfctl.jar when that jar has the command, otherwise the
# RenderMain class of cfctl-core's test scope (same TreeRenderer and TreeWriter, no CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
nodes="${1:-5000}"
work="$(mktemp -d)"
trap '[ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT

# a /18 provisioning subnet: nodes from 192.168.1.0, BMCs from 192.168.32.0
compute=$((nodes - 4))
python3 - "$compute" "$work" <<'PY'
import re, sys
compute, work = int(sys.argv[1]), sys.argv[2]
text = open("examples/full/cluster.yaml").read()
text = text.replace("192.168.0.0/24", "192.168.0.0/18").replace("192.168.0.3/24", "192.168.0.3/18")
text = text.replace("nodes: cn[001-012]", f"nodes: cn[0001-{compute:04d}]")
text = text.replace("ipStart: 192.168.0.11", "ipStart: 192.168.1.0")
text = text.replace("bmcStart: 192.168.0.111", "bmcStart: 192.168.32.0")
text = text.replace('nodes: "cn[001-002]"', 'nodes: "cn[0001-0002]"')
open(f"{work}/cluster.yaml", "w").write(text)
with open(f"{work}/nodes.csv", "w") as out:
    out.write("name,mac,bmc_mac\n")
    for i in range(1, compute + 1):
        out.write(f"cn{i:04d},52:54:{i >> 16 & 255:02x}:{i >> 8 & 255:02x}:{i & 255:02x}:01,"
                  f"52:55:{i >> 16 & 255:02x}:{i >> 8 & 255:02x}:{i & 255:02x}:02\n")
    for i in range(1, 5):
        out.write(f"gpu{i:02d},52:54:00:aa:01:{i:02x}\n")
PY

jar=cfctl-cli/target/cfctl.jar
if [ -f "$jar" ] && java -jar "$jar" render --help 2>/dev/null | grep -q "Usage: cfctl render"; then
  how="java -jar $jar render"
  cmd=(java -jar "$jar" render "$work/cluster.yaml" -o "$work/out")
else
  [ -d cfctl-core/target/test-classes ] || mvn -B -q -o -pl cfctl-core -am test-compile -Dspotless.check.skip=true
  if [ -f "$jar" ]; then
    cp="cfctl-core/target/classes:cfctl-grendel/target/classes:$jar:cfctl-core/target/test-classes"
  else
    mvn -B -q -o -pl cfctl-core dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
    cp="cfctl-core/target/classes:cfctl-grendel/target/classes:cfctl-core/target/test-classes:$(cat "$work/cp.txt")"
  fi
  how="RenderMain (cfctl-core test scope)"
  # the JVM options of the ./cfctl launcher: C1 only, serial GC, a class-data-sharing archive
  # trained once on a small render (outside the measurement, as the launcher does once per build)
  opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss2m)
  main=io.clusterfactory.cfctl.core.render.RenderMain
  java "${opts[@]}" -XX:ArchiveClassesAtExit="$work/render.jsa" -cp "$cp" "$main" \
    examples/full/cluster.yaml "$work/train" >/dev/null 2>&1 || true
  [ -f "$work/render.jsa" ] && opts+=(-XX:SharedArchiveFile="$work/render.jsa" -Xlog:cds=off)
  cmd=(java "${opts[@]}" -cp "$cp" "$main" "$work/cluster.yaml" "$work/out")
fi

[ -n "${BENCH_JAVA_OPTS:-}" ] && cmd=("${cmd[0]}" $BENCH_JAVA_OPTS "${cmd[@]:1}")
/usr/bin/time -v "${cmd[@]}" >"$work/stdout" 2>"$work/time" || { cat "$work/stdout" "$work/time"; exit 1; }
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
user=$(sed -n 's/.*User time (seconds): //p' "$work/time")
sys=$(sed -n 's/.*System time (seconds): //p' "$work/time")
files=$(find "$work/out" -type f | wc -l)
bytes=$(du -sb "$work/out" | cut -f1)
echo "render-bench: $nodes nodes via $how"
cat "$work/stdout"
echo "  files: $files ($((bytes / 1024)) KiB)"
echo "  wall:  $wall (target < 0:02.00)"
echo "  cpu:   ${user}s user + ${sys}s sys"
echo "  peak RSS: $((rss / 1024)) MiB"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
