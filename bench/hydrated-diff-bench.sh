#!/usr/bin/env bash
# Hydrated offline diff of examples/full (issue 14): `./cfctl diff --offline` (JVM start included)
# with every chart of the tree hydrated twice, the base branch's tree in Git and the tree rendered
# from cluster.yaml, which bumps one chart (traefik: the base tree pins the version before).
# Target: warm chart cache < 5 s; cold cache: the download time plus < 5 s. Prints the wall
# times next to the targets and the per-chart times the hydrator logs (-v).
#
# Stand-in charts: this machine cannot reach the upstream chart repositories, so the bench makes
# its own (bench/standin-charts.py): one per chart the trees pin, same repository, name and
# version, with about as many templates and CRDs as the upstream chart. No upstream chart is used.
#   warm: examples/full as shipped (the upstream repoURLs); the bench fills the chart cache
#         ($CFCTL_CHART_CACHE, ChartCache's layout) with the stand-ins, so no request is made.
#   cold: examples/full plus spec.charts.mirror, a Helm repository the bench serves on loopback,
#         and an empty cache: every chart is downloaded, then the same diff again warm.
# Usage: bench/hydrated-diff-bench.sh [N]      (best of N warm runs, default 3)
# Needs: java 17, python3 with PyYAML, git; builds cfctl-cli/target/cfctl.jar if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-3}"
target_ms=5000
work="$(mktemp -d)"
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null; [ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT

[ -f cfctl-cli/target/cfctl.jar ] || mvn -B -q -o -DskipTests package -Dspotless.check.skip=true
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mirror="http://127.0.0.1:$port"

# $1: name; $2: extra cluster.yaml lines under spec (or ""). Makes $work/$1/cluster.yaml, a bare
# repository holding the base tree (the rendered tree, traefik one version back) and the head tree.
site() {
  local dir="$work/$1" folder
  mkdir -p "$dir/config"
  cp examples/full/nodes.csv "$dir/config/"
  git init -q --bare --initial-branch=main "$dir/gitops.git"
  sed "s#url: file:///srv/gitops.git#url: file://$dir/gitops.git#" examples/full/cluster.yaml |
    awk -v extra="$2" '{print} /^spec:$/ && extra != "" {print extra}' >"$dir/config/cluster.yaml"
  folder=$(sed -n 's/^ *path: \(clusters\/.*\)$/\1/p' "$dir/config/cluster.yaml" | head -1)
  ./cfctl render "$dir/config/cluster.yaml" -o "$dir/head" >/dev/null 2>"$dir/render.err" ||
    { cat "$dir/render.err"; exit 1; }
  git clone -q "$dir/gitops.git" "$dir/clone" 2>/dev/null
  mkdir -p "$dir/clone/$folder"
  cp -r "$dir/head/." "$dir/clone/$folder/"
  rm -f "$dir/clone/$folder/.cfctl-rendered" # render's marker of its output folder, not in Git
  sed -i 's/targetRevision: "37.1.1"/targetRevision: "37.1.0"/' "$dir/clone/$folder/apps/network/traefik.yaml"
  grep -q '"37.1.0"' "$dir/clone/$folder/apps/network/traefik.yaml" ||
    { echo "bench: traefik is no longer 37.1.1 in versions.yaml; update the bump" >&2; exit 1; }
  git -C "$dir/clone" add -A
  git -C "$dir/clone" -c user.name=bench -c user.email=bench@localhost commit -qm base
  git -C "$dir/clone" push -q origin HEAD:main
}
site upstream ""
site mirror "  charts:
    mirror: $mirror"

echo "cpu: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
echo "stand-in charts (bench/standin-charts.py):"
python3 bench/standin-charts.py "$work/repo" --cache "$work/warm-cache" \
  "$work/upstream/head" "$work/upstream/clone" "$work/mirror/head" "$work/mirror/clone" |
  sed 's/^/  /'

run() { # $1: label, $2: site, $3: cache; prints the wall time in ms; keeps $work/$1.{out,err}
  local start end code=0
  start=$(date +%s%N)
  CFCTL_CHART_CACHE="$3" ./cfctl diff --offline -v -o json "$work/$2/config/cluster.yaml" \
    >"$work/$1.out" 2>"$work/$1.err" || code=$?
  end=$(date +%s%N)
  echo "$code" >"$work/$1.code"
  echo $(((end - start) / 1000000))
}
check() { # $1: label: the diff compared charts and exited as for changes (1)
  if [ "$(cat "$work/$1.code")" != 1 ] || ! grep -q '"hydrated" : {' "$work/$1.out"; then
    echo "FAIL: $1: exit $(cat "$work/$1.code"), see $work/$1.err" >&2
    BENCH_KEEP=1
    exit 1
  fi
}

# warm: the shipped repoURLs, the cache filled above; no server runs, so a request would fail
best=""
for ((i = 1; i <= n; i++)); do
  ms=$(run "warm$i" upstream "$work/warm-cache")
  check "warm$i"
  if grep -q '(pulled ' "$work/warm$i.err"; then
    echo "FAIL: warm$i pulled a chart: the cache was not warm" >&2
    exit 1
  fi
  if [[ -z "$best" || $ms -lt $best ]]; then best=$ms; best_run="warm$i"; fi
done

# cold: an empty cache, every chart from the loopback mirror; then the same diff warm
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/repo" 2>>"$work/http.log" >/dev/null &
server=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('$mirror/index.yaml')" 2>/dev/null && break
  sleep 0.1
done
requests() { grep -c '"GET ' "$work/http.log" || true; }
cold="" rewarm="" cold_requests="" rewarm_requests=0
for ((i = 1; i <= n; i++)); do # each cold run with an empty cache of its own
  before=$(requests)
  ms=$(run "cold$i" mirror "$work/cold-cache-$i")
  check "cold$i"
  cold_requests="$cold_requests $(($(requests) - before))"
  if [[ -z "$cold" || $ms -lt $cold ]]; then cold=$ms; cold_run="cold$i"; fi
  before=$(requests)
  ms=$(run "rewarm$i" mirror "$work/cold-cache-$i")
  check "rewarm$i"
  rewarm_requests=$((rewarm_requests + $(requests) - before))
  if [[ -z "$rewarm" || $ms -lt $rewarm ]]; then rewarm=$ms; fi
done
download=$(sed -n 's/.*hydrated .*(pulled [0-9]* bytes \([0-9]*\) ms.*/\1/p' "$work/$cold_run.err" |
  awk '{s += $1} END {print s + 0}')

verdict() { (($1 < $2)) && echo ok || echo SLOW; }
echo
printf '%-52s %9s %16s\n' "hydrated offline diff of examples/full" "measured" "target"
printf '%-52s %6d ms %16s  %s\n' "warm cache, best of $n (shipped repoURLs)" "$best" "< $target_ms ms" \
  "$(verdict "$best" "$target_ms")"
printf '%-52s %6d ms %16s  %s\n' "cold cache, loopback mirror, best of $n" "$cold" \
  "download + $target_ms" "$(verdict $((cold - download)) "$target_ms")"
printf '%-52s %6d ms\n' "  of which downloads (the per-chart pulls, summed)" "$download"
printf '%-52s %6d ms %16s  %s\n' "  then warm, same cache, best of $n" "$rewarm" \
  "< $target_ms ms" "$(verdict "$rewarm" "$target_ms")"
python3 - "$work/$best_run.out" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))["hydrated"]
s = h["summary"]
print(f"charts compared: {len(h['applications'])}, not compared: {len(h['notCompared'])}; "
      f"objects: {s['create']} created, {s['update']} updated, {s['delete']} deleted, "
      f"{s['unchanged']} unchanged")
for n in h["notCompared"]:
    print(f"  not compared: {n['application']}{' (' + n['side'] + ')' if n['side'] else ''}: {n['reason']}")
PY
echo "HTTP requests to the loopback mirror: cold runs:$cold_requests; the warm runs after: $rewarm_requests"
for label in "$best_run" "$cold_run"; do
  echo "per chart ($label; the tree being applied, then the base tree; the first Helm call"
  echo "  loads Helm's native library):"
  grep -o 'hydrated [a-z0-9-]* (.*objects' "$work/$label.err" | sed 's/^hydrated /  /'
done
[ "$(verdict "$best" "$target_ms")" = ok ]
