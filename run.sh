#!/usr/bin/env bash
# Builds the application if any source is newer than its jar, then runs it with embedded
# defaults. Every option is passed on: ./run.sh --help lists them.
set -euo pipefail
cd "$(dirname "$0")"

JAR=app/target/salesflow.jar
if [[ ! -f "$JAR" ]] || [[ -n "$(find . -path ./data -prune -o \( -name '*.java' -o -name '*.sql' -o -name '*.yml' \
      -o -name '*.html' -o -name '*.js' -o -name '*.css' -o -name 'pom.xml' \) -newer "$JAR" -print -quit)" ]]; then
  echo "Building salesflow (first build downloads dependencies; this takes a few minutes)..."
  mvn -B -q -DskipTests install
fi

exec java -Daxoniq.update-checker.disabled=true -jar "$JAR" "$@"
