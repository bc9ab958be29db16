#!/usr/bin/env bash
# Apply benchmark (issue 7): 1,000 objects (a Namespace, ConfigMaps, Secrets) applied to one fabric8
# mock API server on loopback, by cfctl's StackApplier and by `kubectl apply -f`, same server and
# objects, fresh store for each run. Prints wall times. Target: cfctl at most half kubectl's time.
# What exactly is compared: docs/kube-apply.md "Benchmark".
# Usage: bench/apply-bench.sh [object-count]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-1000}"

if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl missing: installing Debian's kubernetes-client" >&2
  apt-get install -y -q kubernetes-client >&2
fi
KUBECTL="$(command -v kubectl)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# compile main and test classes only (never `mvn install`: ~/.m2 is shared)
mvn -B -o -q -pl cfctl-core -am test-compile -Dspotless.check.skip=true >&2
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# In one reactor run, so the cfctl-grendel test-jar comes from the reactor, not ~/.m2.
mvn -B -o -q -pl cfctl-core -am package -DskipTests -Dspotless.check.skip=true \
  dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$TMP/classpath" >&2
# class-data sharing (as ./cfctl uses it) maps jars only, not class directories
jar --create --file "$TMP/cfctl-core.jar" -C cfctl-core/target/classes .
jar --create --file "$TMP/cfctl-core-tests.jar" -C cfctl-core/target/test-classes .
CP="$TMP/cfctl-core.jar:$TMP/cfctl-core-tests.jar:$(cat "$TMP/classpath")"

echo "kubectl: $("$KUBECTL" version --client 2>/dev/null | head -1)"
echo "java:    $("$JAVA" -version 2>&1 | head -1)"
"$JAVA" -cp "$CP" io.clusterfactory.cfctl.core.kube.bench.ApplyBenchMain \
  "$COUNT" "$KUBECTL" "$JAVA" "$CP"
