#!/usr/bin/env bash
# Opens jshell with model-registry, its trainers and a registry ready to use (see jshell/startup.jsh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ ! -f model-registry-examples/target/classpath.txt ] || [ ! -f model-registry-examples/target/model-registry-examples-0.1.0-SNAPSHOT.jar ]; then
  mvn -q -B -DskipTests package
fi
cp="$(cat model-registry-examples/target/classpath.txt):model-registry-examples/target/classes"
exec jshell --class-path "$cp" -R-Dorg.slf4j.simpleLogger.defaultLogLevel=warn --startup DEFAULT --startup jshell/startup.jsh "$@"
