#!/usr/bin/env bash
# Start-up time of the CLI: ./cfctl (with class-data sharing) against a plain `java -jar`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f cfctl-cli/target/cfctl.jar ] || mvn -B -q -DskipTests package
command -v hyperfine >/dev/null || { apt-get install -y -qq hyperfine >/dev/null; }
./cfctl --version >/dev/null   # builds the CDS archive once
hyperfine -w 2 -r 10 -N \
  './cfctl --version' \
  'env CFCTL_NO_CDS=1 ./cfctl --version' \
  'java -jar cfctl-cli/target/cfctl.jar --version' \
  './cfctl validate examples/ha/cluster.yaml' \
  'java -jar cfctl-cli/target/cfctl.jar validate examples/ha/cluster.yaml'
