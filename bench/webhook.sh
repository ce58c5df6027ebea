#!/usr/bin/env bash
# Webhook benchmark: starts the packaged service (embedded Redis, simulator, plaintext mode) on
# loopback and drives /wechat/callback with signed, unique messages from 64 keep-alive connections
# (bench/Load.java), then the bare WebFlux ceiling endpoint; prints throughput, latency
# percentiles, the ratio to the ceiling, and the heap after the run. Stops by itself.
#
#   bench/webhook.sh                  # uses target/zhengwu-assistant.jar, builds it if missing
#   BUILD=1 bench/webhook.sh          # rebuild the jar first
#   JAR=/tmp/other.jar bench/webhook.sh   # another build (e.g. with bench/exactly-once-floor.patch)
#   SECONDS_PER_PHASE=20 REQUESTS_PER_PHASE=60000 CONNECTIONS=64 WARMUP=60 PORT=18093 bench/webhook.sh
#   BENCH_JAVA_OPTS="-Xmx512m" bench/webhook.sh
#   MODE=ratio ROUNDS=3 bench/webhook.sh   # only the ratio: new text and the ceiling alternating
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-target/zhengwu-assistant.jar}
PORT=${PORT:-18093}
CONNECTIONS=${CONNECTIONS:-64}
SECONDS_PER_PHASE=${SECONDS_PER_PHASE:-20}
REQUESTS_PER_PHASE=${REQUESTS_PER_PHASE:-60000}
WARMUP=${WARMUP:-60}
MODE=${MODE:-all}
ROUNDS=${ROUNDS:-3}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseG1GC}
OUT=bench/out
mkdir -p "$OUT"

if [ "${BUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then
  echo "bench: building $JAR"
  ./mvnw -q -B -DskipTests package
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "bench: port $PORT is in use; set PORT=..." >&2
  exit 1
fi

TOKEN="bench$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
DATA="$OUT/data-$$"
rm -rf "$DATA"
echo "bench: $(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "bench: service JVM options: $BENCH_JAVA_OPTS"
echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"

# shellcheck disable=SC2086
PORT=$PORT WECHAT_TOKEN=$TOKEN WECHAT_AES_KEY= WECHAT_APP_SECRET= REDIS_URL= ZHENGWU_DATA_DIR="$DATA" \
  java $BENCH_JAVA_OPTS -jar "$JAR" --zhengwu.simulator.bench-ceiling=true --logging.level.root=WARN \
  > "$OUT/service.log" 2>&1 &
SERVICE=$!
stop() {
  if kill -0 "$SERVICE" 2>/dev/null; then
    kill "$SERVICE" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$SERVICE" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVICE" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap stop EXIT

for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVICE" 2>/dev/null; then echo "bench: the service did not start:" >&2; tail -30 "$OUT/service.log" >&2; exit 1; fi
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { echo "bench: the service is not ready" >&2; exit 1; }
echo "bench: service ready on 127.0.0.1:$PORT (pid $SERVICE)"

java bench/Load.java --port "$PORT" --token "$TOKEN" --pid "$SERVICE" --connections "$CONNECTIONS" \
  --requests "$REQUESTS_PER_PHASE" --seconds "$SECONDS_PER_PHASE" --warmup "$WARMUP" --questions knowledge/eval \
  --mode "$MODE" --rounds "$ROUNDS" \
  | tee "$OUT/load.txt"

heap() {
  curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%.0f", sum / 1048576 }'
}
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "heap used after the run: $(heap) MB; after a full GC (live data): $(jcmd "$SERVICE" GC.run >/dev/null 2>&1; sleep 1; heap) MB"
