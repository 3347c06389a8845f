#!/usr/bin/env bash
# Soak test: runs the embedded application for a while at a steady event rate with a bounded heap
# and reports whether memory stays flat and every stage keeps up.
#
#   bench/soak.sh [--minutes 60] [--rate 480] [--heap 1g] [--sample-seconds 60] [--data-dir DIR] [--jfr]
#
# --jfr records a Java Flight Recording of the whole run (default settings, ~1 % overhead) into
# <data-dir>/soak.jfr, written when the application stops: where the time went if a stage fell behind
# (`jfr print --events jdk.ExecutionSample <file>`, or `jfr summary`).
# --rate is in sales per second (what ./run.sh --rate takes); a live sale brings ~2.1 events with its
# follow-ups (fulfilment, cancellations, refunds, profile changes), so 480 sales/s is ~1,000 events/s.
# Every sample forces a full GC (jcmd GC.run) and reads the live heap after it (jcmd GC.heap_info):
# that is the memory the application holds, without the garbage a sampler would otherwise see.
# Samples go to <data-dir>/soak.csv; the summary compares the first and last fifth of the run.
# held_back_s is the time the generator waited in all for the pipeline's backlog (salesflow.generator.max-backlog),
# slowest_stage_behind the events the slowest stage was behind the store at its last reading: a run that
# keeps up at the asked rate shows held_back_s near 0; a growing one says the rate is more than the pipeline takes.
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES=60 RATE=480 HEAP=1g SAMPLE=60 DATA_DIR="" PORT=18080 JFR=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) MINUTES="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --sample-seconds) SAMPLE="$2"; shift 2 ;;
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --jfr) JFR=true; shift ;;
    *) echo "soak: unknown option $1 (see the head of bench/soak.sh)" >&2; exit 2 ;;
  esac
done
DATA_DIR="${DATA_DIR:-$(mktemp -d -t salesflow-soak-XXXXXX)}"
mkdir -p "$DATA_DIR"
CSV="$DATA_DIR/soak.csv"
LOG="$DATA_DIR/soak-app.log"

# Build if needed (run.sh does), without starting the app.
./run.sh --help >/dev/null

JVM_OPTS="-Xmx$HEAP"
if [[ "$JFR" == true ]]; then
  JVM_OPTS="$JVM_OPTS -XX:StartFlightRecording=filename=$DATA_DIR/soak.jfr,dumponexit=true"
fi
JAVA_OPTS="$JVM_OPTS" ./run.sh --rate "$RATE" --duration "${MINUTES}m" --data-dir "$DATA_DIR" --port "$PORT" \
  >"$LOG" 2>&1 &
APP=$!
trap 'kill -TERM $APP 2>/dev/null || true' EXIT

status() { curl -sf "http://127.0.0.1:$PORT/api/status" || true; }
field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d.get(sys.argv[2], 0))' "$1" "$2"; }

deadline=$((SECONDS + 600))
until [[ -n "$(status)" ]]; do
  if ! kill -0 "$APP" 2>/dev/null; then echo "soak: the application exited; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; fi
  if (( SECONDS > deadline )); then echo "soak: no /api/status after 600 s; see $LOG" >&2; exit 1; fi
  sleep 1
done
PID=$APP  # run.sh execs java, so this is the JVM
echo "soak: app pid $PID, heap $HEAP, rate $RATE sales/s, $MINUTES min, samples every $SAMPLE s -> $CSV"
echo "elapsed_s,events_stored,bronze_rows,dead_letters,silver_lines,lag_p99_ms,live_heap_mb,events_per_s,held_back_s,slowest_stage_behind" > "$CSV"

start=$SECONDS previous_events=0 previous_at=$SECONDS
end=$((SECONDS + MINUTES * 60))
while (( SECONDS < end )) && kill -0 "$APP" 2>/dev/null; do
  sleep "$SAMPLE"
  json=$(status); [[ -z "$json" ]] && continue
  jcmd "$PID" GC.run >/dev/null 2>&1 || true
  heap_kb=$(jcmd "$PID" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)
  events=$(field "$json" eventsStored)
  rate=$(( (events - previous_events) / (SECONDS - previous_at) ))
  previous_events=$events previous_at=$SECONDS
  line="$((SECONDS - start)),$events,$(field "$json" bronzeRows),$(field "$json" deadLetters),$(field "$json" silverSaleLines),$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(max([v["p99Millis"] for v in d.get("projectionLag",{}).values()] or [0]))' "$json"),$(( ${heap_kb:-0} / 1024 )),$rate,$(field "$json" generatorHeldBackSeconds),$(field "$json" slowestStageEventsBehind)"
  echo "$line" >> "$CSV"
  echo "soak: $line"
done

python3 - "$CSV" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
if len(rows) < 5:
    sys.exit("soak: fewer than 5 samples; nothing to conclude")
n = max(1, len(rows) // 5)
first, last = rows[:n], rows[-n:]
avg = lambda rs, k: sum(float(r[k]) for r in rs) / len(rs)
elapsed = float(rows[-1]["elapsed_s"]) - float(rows[0]["elapsed_s"])
events = int(rows[-1]["events_stored"]) - int(rows[0]["events_stored"])
print(f"soak: {len(rows)} samples over {elapsed/60:.1f} min; {events/elapsed:,.0f} events/s stored on average")
print(f"soak: live heap after full GC: first fifth {avg(first,'live_heap_mb'):.0f} MB, last fifth {avg(last,'live_heap_mb'):.0f} MB, max {max(int(r['live_heap_mb']) for r in rows)} MB")
behind = int(rows[-1]["events_stored"]) - int(rows[-1]["bronze_rows"]) - int(rows[-1]["dead_letters"])
print(f"soak: at the end bronze is {behind:,} events behind the store; projection lag p99 last fifth {avg(last,'lag_p99_ms'):.0f} ms")
held = float(rows[-1].get("held_back_s") or 0)
print(f"soak: generator held back by the pipeline's backlog {held:.0f} s in all ({100 * held / max(1, float(rows[-1]['elapsed_s'])):.0f} % of the run); slowest stage behind, last fifth {avg(last,'slowest_stage_behind'):.0f} events on average")
PY
