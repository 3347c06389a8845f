#!/usr/bin/env bash
# Builds the application if any source is newer than its jar, then runs it with embedded
# defaults. Every option is passed on: ./run.sh --help lists them.
#   ./run.sh                                   live sales at --rate per second
#   ./run.sh --backfill-days 30 [--sales-per-day N] [--until 2026-11-01]   history first, then the dashboard
#   ./run.sh generate --backfill-days 30 --seed 42 --out commands.jsonl --summary   commands only, no pipeline
set -euo pipefail
cd "$(dirname "$0")"

JAR=app/target/salesflow.jar
if [[ ! -f "$JAR" ]] || [[ -n "$(find . -path ./data -prune -o \( -name '*.java' -o -name '*.sql' -o -name '*.yml' \
      -o -name '*.html' -o -name '*.js' -o -name '*.css' -o -name 'pom.xml' \) -newer "$JAR" -print -quit)" ]]; then
  echo "Building salesflow (first build downloads dependencies; this takes a few minutes)..."
  mvn -B -q -DskipTests install
fi

exec java -Daxoniq.update-checker.disabled=true -jar "$JAR" "$@"
