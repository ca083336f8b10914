#!/bin/sh
# Builds connector-benchmarks once and runs the SDK benchmarks of issue 6 against simulated
# tenants, each simulator in its own JVM (SimulatorServer). Prints table-ready figures with the
# load average next to each; docs/BENCHMARKS.md records a run.
#
#   connector-benchmarks/run-benchmarks.sh            # everything (about 10-15 minutes on 2 cores)
#   connector-benchmarks/run-benchmarks.sh baseline   # one part: baseline|sync|heap|delta|mdc
#   MVN="flock /tmp/mvn.lock mvn" connector-benchmarks/run-benchmarks.sh   # when builds share a lock
#   SKIP_BUILD=1 ...                                  # reuse the last build's classes and classpath
set -eu
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn}
CP_FILE="$PWD/connector-benchmarks/target/benchmark-classpath.txt"
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f "$CP_FILE" ]; then
  # one invocation: within the reactor the sibling modules resolve to their freshly packaged jars;
  # every module writes the file, connector-benchmarks (last in reactor order) writes it last
  $MVN -B -q -pl connector-benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
fi
CP="connector-benchmarks/target/classes:$(cat "$CP_FILE")"
P=dev.exposure.connector.benchmarks
JAVA=${JAVA:-java}
run() {
  echo
  echo "## java $(echo "$*" | sed 's#-cp [^ ]* ##')   [$(date -u +%H:%M:%S) UTC, load average$(uptime | sed 's/.*load average//')]"
  "$JAVA" "$@" 2>&1 | grep -v '^SLF4J'
}
part=${1:-all}

if [ "$part" = all ] || [ "$part" = baseline ] || [ "$part" = sync ]; then
  # 1 and 2, interleaved twice: baseline ceiling and SDK full sync at 2,000,000 findings
  for pass in 1 2; do
    run -cp "$CP" $P.MdeBaseline --machines 10000 --vulns 200 --page-size 200000,50000 --warmup 1
    run -cp "$CP" $P.MdeSyncBenchmark --machines 10000 --vulns 200 --page-size 200000,50000 --warmup 1
  done
  # 2 at 100,000 findings
  run -cp "$CP" $P.MdeBaseline --machines 10000 --vulns 200 --page-size 200000 --warmup 1 --passes 2 --rows map
  run -cp "$CP" $P.MdeBaseline --machines 500 --vulns 200 --page-size 200000,50000 --warmup 2
  run -cp "$CP" $P.MdeSyncBenchmark --machines 500 --vulns 200 --page-size 200000,50000 --warmup 2
fi
if [ "$part" = all ] || [ "$part" = heap ]; then
  # 3: -Xmx256m, peak heap at 100,000 and at 2,000,000 findings (same heap size for both)
  run -Xmx256m -cp "$CP" $P.MdeSyncBenchmark --machines 500 --vulns 200 --page-size 200000,50000 --warmup 1
  run -Xmx256m -cp "$CP" $P.MdeSyncBenchmark --machines 10000 --vulns 200 --page-size 200000,50000
fi
if [ "$part" = all ] || [ "$part" = delta ]; then
  # 4: delta with 1% changed against a full run of the same tenant
  run -cp "$CP" $P.MdeSyncBenchmark --machines 10000 --vulns 200 --page-size 200000 --change-share 0.01 --delta --warmup 1 --passes 2
fi
if [ "$part" = all ] || [ "$part" = mdc ]; then
  # 5: MDC, 10,000 VMs with 200,000 assessments, and 10x fewer assessments on the same VMs
  run -Xmx256m -cp "$CP" $P.MdcBenchmark --vms 10000 --assessments-per-vm 20
  run -Xmx256m -cp "$CP" $P.MdcBenchmark --vms 10000 --assessments-per-vm 2
fi
