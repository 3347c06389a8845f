#!/usr/bin/env bash
# Builds the application if any source is newer than its jar, then runs it with embedded
# defaults. Every option is passed on: ./run.sh --help lists them.
# ./run.sh bench-commands [--seconds 60 --threads 2 ...] runs the command-side benchmark instead,
# ./run.sh bench-replay [--backfill-days 30 ...] the replay benchmark,
# ./run.sh bench-relay [--events 200000 --batch-size 1000 ...] the relay into the embedded emulator,
# ./run.sh bench-end-to-end [--backfill-days 30] the whole application from an empty data directory,
# ./run.sh bench-emulator [--messages 300000 --keys 64 ...] the Pub/Sub emulator,
# ./run.sh bench-bronze [throughput 100000 180 | latency 1000 30] the bronze Beam job.
# ./run.sh dead-letters list|retry [--group G] asks the running application about its dead letters.
set -euo pipefail
cd "$(dirname "$0")"

JAR=app/target/salesflow.jar
if [[ ! -f "$JAR" ]] || [[ ! -f bench/target/salesflow-bench.jar ]] || [[ -n "$(find . -path ./data -prune -o \( -name '*.java' -o -name '*.sql' -o -name '*.yml' \
      -o -name '*.html' -o -name '*.js' -o -name '*.css' -o -name 'pom.xml' \) -newer "$JAR" -print -quit)" ]]; then
  echo "Building salesflow (first build downloads dependencies; this takes a few minutes)..."
  mvn -B -q -DskipTests install
fi

if [[ "${1:-}" == bench-* ]]; then
  # The benchmarks module's own jar (bench/): the benchmark's name, then its options.
  exec java -Daxoniq.update-checker.disabled=true ${BENCH_JAVA_OPTS:-} -jar bench/target/salesflow-bench.jar "$@"
fi

exec java -Daxoniq.update-checker.disabled=true ${JAVA_OPTS:-} -jar "$JAR" "$@"
