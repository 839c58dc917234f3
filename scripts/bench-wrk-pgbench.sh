#!/usr/bin/env bash
# Records visits through the running module with wrk and inserts rows of the same shape into the same table
# with pgbench, alternating, on the module's own embedded PostgreSQL; prints visits/s, p50, p99, the ratio,
# the CPU each visit costs the module and PostgreSQL, and the module's resident memory. See docs/performance.md.
#
# Needs: java, curl, wrk, pgbench (Debian: apt-get install -y wrk postgresql-client), a built fat jar.
# Usage: scripts/bench-wrk-pgbench.sh [jar]   (environment: SECONDS_PER_RUN=20 ROUNDS=3 CONCURRENCY="16 1"
#        WARMUP_SECONDS=60 WARMUP_PER_CONCURRENCY=10 HTTP_PORT=18081; DECOMPOSE=1 adds a 1-client breakdown of a
#        lone visit's time, see the end of this script)
# The module runs with exactly the JVM flags a deployment uses: JAVA_OPTIONS of the launch descriptor
# (descriptors/ModuleDescriptor-template.json), with the class-data archive built the way the Dockerfile builds it.
set -euo pipefail

JAR=${1:-target/mod-contact-tracing-fat.jar}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
ROUNDS=${ROUNDS:-3}
CONCURRENCY=${CONCURRENCY:-16 1}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
WARMUP_PER_CONCURRENCY=${WARMUP_PER_CONCURRENCY:-10}
HTTP_PORT=${HTTP_PORT:-18081}
DESCRIPTOR=${DESCRIPTOR:-$(dirname "$0")/../descriptors/ModuleDescriptor-template.json}
TENANT=benchwrk
SCHEMA=${TENANT}_mod_contact_tracing
TICKS=$(getconf CLK_TCK)

for tool in java curl wrk pgbench psql; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk postgresql-client)" >&2; exit 1; }
done
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B package -DskipTests first" >&2; exit 1; }

WORK=$(mktemp -d /tmp/ct-bench.XXXXXX)
MODULE_PID=
cleanup() {
  if [ -n "$MODULE_PID" ]; then
    kill "$MODULE_PID" 2>/dev/null || true
    wait "$MODULE_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# the image's flags; only the archive's path differs, as the image keeps it in /usr/verticles
JAVA_FLAGS=$(sed -n '/"name": "JAVA_OPTIONS"/{n;s/.*"value": "\(.*\)",*/\1/p}' "$DESCRIPTOR" \
  | sed "s|/usr/verticles/mod-contact-tracing.jsa|$WORK/mod-contact-tracing.jsa|")
case "$JAVA_FLAGS" in -X*) ;; *) echo "no JAVA_OPTIONS in $DESCRIPTOR" >&2; exit 1 ;; esac
echo "building the class-data archive as the Dockerfile does (a training start until healthy, then a stop)"
# shellcheck disable=SC2046
( export DB_HOST=127.0.0.1 DB_PORT=1 CONTACT_TRACING_KEK="$(head -c 32 /dev/urandom | base64)"
  java -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit="$WORK/mod-contact-tracing.jsa" \
    -jar "$JAR" http.port="$HTTP_PORT" >"$WORK/training.log" 2>&1 & pid=$!
  for _ in $(seq 1 300); do curl -sf "localhost:$HTTP_PORT/admin/health" >/dev/null && break; sleep 0.2; done
  kill $pid; wait $pid || true )
[ -s "$WORK/mod-contact-tracing.jsa" ] || { cat "$WORK/training.log" >&2; exit 1; }

echo "starting the module ($JAR, $JAVA_FLAGS) with an embedded PostgreSQL in $WORK"
# shellcheck disable=SC2086
env -u DB_HOST CONTACT_TRACING_EMBEDDED_PG_DIR="$WORK/pgdata" \
  java $JAVA_FLAGS -Dhttp.port="$HTTP_PORT" -jar "$JAR" >"$WORK/module.log" 2>&1 &
MODULE_PID=$!
for _ in $(seq 1 600); do
  curl -sf "localhost:$HTTP_PORT/admin/health" >/dev/null && break
  kill -0 "$MODULE_PID" 2>/dev/null || { cat "$WORK/module.log" >&2; exit 1; }
  sleep 0.1
done

export PGHOST=localhost PGUSER=postgres PGDATABASE=postgres
PGPORT=$(sed -n 4p "$WORK/pgdata/postmaster.pid"); export PGPORT
PGPASSWORD=$(cat "$WORK/pgdata.keys/postgres-password"); export PGPASSWORD
POSTMASTER=$(sed -n 1p "$WORK/pgdata/postmaster.pid")
URL="http://localhost:$HTTP_PORT"
H=(-H "X-Okapi-Tenant: $TENANT" -H 'Content-Type: application/json')

job=$(curl -sf "${H[@]}" -XPOST "$URL/_/tenant" -d '{"module_to":"mod-contact-tracing-1.0.0"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
curl -sf "${H[@]}" "$URL/_/tenant/$job?wait=60000" | grep -q '"complete":true' || { echo "tenant init failed" >&2; exit 1; }
today=$(date -u +%F)
curl -sf "${H[@]}" -H "X-Okapi-User-Id: $(cat /proc/sys/kernel/random/uuid)" -XPOST "$URL/contact-tracing/mandates" \
  -d "{\"authority\":{\"type\":\"public-health-agency\",\"name\":\"County Health Department\"},\"reference\":\"Order 1\",
      \"effectiveFrom\":\"$today\",\"reviewBy\":\"$(date -u -d '+30 days' +%F)\",\"retentionDays\":21,
      \"collectedFields\":[\"name\",\"phone\",\"email\"],\"locations\":[]}" >/dev/null

cat >"$WORK/visit.lua" <<'LUA'
-- a valid visit per request, a different visitor each time
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"location":"main-desk","name":"Visitor %d","phone":"+1 555 %04d",' ..
    '"email":"visitor%d@example.org"}', n, n % 10000, n)
  return wrk.format("POST", "/contact-tracing/contact-logs", nil, body)
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("RESULT %d %.0f %.0f %d\n", summary.requests, latency:percentile(50),
    latency:percentile(99), errors))
end
LUA
wrk_run() { # concurrency seconds -> "requests p50_us p99_us errors"
  local threads=$(( $1 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$1" -d"${2}s" -s "$WORK/visit.lua" -H "X-Okapi-Tenant: $TENANT" \
    -H 'Content-Type: application/json' "$URL" | awk '/^RESULT/ {print $2, $3, $4, $5}'
}

# pgbench inserts what the module stores for a visit into the same partitioned table, with its indexes and
# foreign keys, under the mandate and day key the module uses: one autocommitted INSERT per transaction
one=$(curl -sf "${H[@]}" -XPOST "$URL/contact-tracing/contact-logs" -d '{"location":"main-desk","name":"A","phone":"1","email":"a@b.c"}')
[ -n "$one" ] || { echo "the module refused a visit" >&2; exit 1; }
read -r MANDATE DAY BUCKET DESTROY SEALED < <(psql -qAt -F ' ' -c "SELECT mandate_id, visit_day,
  to_json(visited_bucket) #>> '{}', to_json(destroy_after) #>> '{}', encode(sealed, 'hex') FROM $SCHEMA.contact_log LIMIT 1")
cat >"$WORK/insert.sql" <<SQL
INSERT INTO $SCHEMA.contact_log (id, mandate_id, location, visit_day, visited_bucket, bucket_minutes, destroy_after, sealed) VALUES (gen_random_uuid(), '$MANDATE', 'main-desk', '$DAY', '$BUCKET', 15, '$DESTROY', '\\x$SEALED'::bytea);
SQL
pgbench_run() { # concurrency seconds -> "transactions p50_us p99_us errors"
  rm -f "$WORK"/pgbench_log.*
  (cd "$WORK" && pgbench -n -M prepared -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$2" -l -f insert.sql) \
    >"$WORK/pgbench.out" 2>&1 || { cat "$WORK/pgbench.out" >&2; return 1; }
  local count; count=$(grep -h 'number of transactions actually processed' "$WORK/pgbench.out" | sed 's/.*: \([0-9]*\).*/\1/')
  local failed; failed=$(grep -h 'number of failed transactions' "$WORK/pgbench.out" | sed 's/.*: \([0-9]*\).*/\1/')
  cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n | awk -v c="$count" -v f="${failed:-0}" \
    '{v[NR]=$1} END {print c, v[int(NR*0.5)+1], v[int(NR*0.99)+1], f}'
}

cpu_ticks() { # module_ticks postgres_ticks (PostgreSQL: every live process, and exited ones via the postmaster)
  local module; module=$(awk '{print $14 + $15}' "/proc/$MODULE_PID/stat")
  local pg=0 pid
  for pid in $(pgrep -P "$POSTMASTER") "$POSTMASTER"; do
    pg=$(( pg + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$module $pg"
}

measure() { # writer concurrency seconds -> one result line
  local before after result
  before=$(cpu_ticks)
  if [ "$1" = module ]; then result=$(wrk_run "$2" "$3"); else result=$(pgbench_run "$2" "$3"); fi
  after=$(cpu_ticks)
  echo "$1 $2 $3 $result $before $after" | awk -v t="$TICKS" '{
    n = $4; s = $3
    printf "%-7s c=%-3d %8.0f/s  p50 %7.2f ms  p99 %7.2f ms  errors %d  CPU/visit module %4.0f us  PostgreSQL %4.0f us\n",
      $1, $2, n / s, $5 / 1000, $6 / 1000, $7, ($10 - $8) * 1e6 / t / n, ($11 - $9) * 1e6 / t / n }' | tee -a "$WORK/results"
}

echo "warming up: ${WARMUP_SECONDS}s of visits at 16 and 5s of pgbench, then ${WARMUP_PER_CONCURRENCY}s of each at each concurrency"
wrk_run 16 "$WARMUP_SECONDS" >/dev/null
pgbench_run 16 5 >/dev/null
for c in $CONCURRENCY; do
  # the paths a concurrency takes (a lone visit's statement at 1 client, batches at 16) warmed before it is measured
  wrk_run "$c" "$WARMUP_PER_CONCURRENCY" >/dev/null
  pgbench_run "$c" "$WARMUP_PER_CONCURRENCY" >/dev/null
  for round in $(seq 1 "$ROUNDS"); do
    if [ $(( round % 2 )) -eq 1 ]; then order="module pgbench"; else order="pgbench module"; fi
    for writer in $order; do measure "$writer" "$c" "$SECONDS_PER_RUN"; done
  done
done
rss=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$MODULE_PID/status")
errors=$(grep -c -w 'ERROR' "$WORK/module.log" || true)

echo
echo "Means over $ROUNDS rounds of ${SECONDS_PER_RUN}s (module = wrk through HTTP, pgbench = plain INSERT):"
awk '{ k = $1 " " $2; sub("c=", "", $2); c[$2] = 1; n[k]++; r[k] += $3; p50[k] += $5; p99[k] += $8;
       m[k] += $14; pg[k] += $17 }
  END { for (x in c) { a = "module c=" x; b = "pgbench c=" x; if (!n[a] || !n[b]) continue
    printf "c=%-3s visits/s module %6.0f pgbench %6.0f ratio %.2fx | p50 %.2f / %.2f ms (%.2fx) | p99 %.2f / %.2f ms (%.2fx)\n",
      x, r[a]/n[a], r[b]/n[b], (r[a]/n[a]) / (r[b]/n[b]), p50[a]/n[a], p50[b]/n[b], (p50[a]/n[a]) / (p50[b]/n[b]),
      p99[a]/n[a], p99[b]/n[b], (p99[a]/n[a]) / (p99[b]/n[b])
    printf "       CPU per visit: module JVM %.0f us, PostgreSQL %.0f us; pgbench insert: PostgreSQL %.0f us\n",
      m[a]/n[a], pg[a]/n[a], pg[b]/n[b] } }' "$WORK/results"
printf 'module resident memory after the runs: %.1f MiB; ERROR lines in the module log: %s\n' "$rss" "$errors"

# DECOMPOSE=1: where a lone visit's time goes, at 1 client, in the same run. Next to the module's p50 and the plain
# insert's: an HTTP round trip through the module that touches no database (GET /admin/health), and pgbench running
# the module's own single-row statement for a lone visit, with its checks (ContactLogStore.insertOne: the mandate's
# stamp, FOR SHARE, and the day's key, FOR KEY SHARE), as a prepared statement with parameters like the module's.
if [ -n "${DECOMPOSE:-}" ]; then
  read -r STAMP KEK WRAPPED < <(psql -qAt -F ' ' -c "SELECT m.stamp, k.kek_id, encode(k.wrapped_key, 'hex')
    FROM $SCHEMA.mandate m JOIN $SCHEMA.data_key k ON k.mandate_id = m.id WHERE m.id = '$MANDATE' AND k.visit_day = '$DAY'")
  cat >"$WORK/checked.sql" <<SQL
INSERT INTO $SCHEMA.contact_log (id, mandate_id, location, visit_day, visited_bucket, bucket_minutes, destroy_after, sealed) SELECT gen_random_uuid(), :m::uuid, :l::text, :d::date, :b::timestamptz, 15::integer, :x::timestamptz, :s::bytea WHERE EXISTS (SELECT 1 FROM $SCHEMA.mandate m WHERE m.id = :m::uuid AND m.stamp = :ms::uuid FOR SHARE) AND EXISTS (SELECT 1 FROM $SCHEMA.data_key k WHERE k.mandate_id = :m::uuid AND k.visit_day = :d::date AND k.kek_id = :k::text AND k.wrapped_key = :w::bytea FOR KEY SHARE);
SQL
  cat >"$WORK/health.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.0f %.0f 0\n", summary.requests, latency:percentile(50), latency:percentile(99)))
end
LUA
  p50() { awk '{print $2}'; }
  for round in $(seq 1 "$ROUNDS"); do
    module=$(wrk_run 1 "$SECONDS_PER_RUN" | p50)
    health=$(wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" -s "$WORK/health.lua" "$URL/admin/health" | awk '/^RESULT/ {print $3}')
    plain=$(pgbench_run 1 "$SECONDS_PER_RUN" | p50)
    rm -f "$WORK"/pgbench_log.*
    (cd "$WORK" && pgbench -n -M prepared -c 1 -j 1 -T "$SECONDS_PER_RUN" -l -f checked.sql -D m="$MANDATE" \
      -D l=main-desk -D d="$DAY" -D b="$BUCKET" -D x="$DESTROY" -D s="\\x$SEALED" -D ms="$STAMP" -D k="$KEK" \
      -D w="\\x$WRAPPED") >"$WORK/pgbench.out" 2>&1 || { cat "$WORK/pgbench.out" >&2; exit 1; }
    checked=$(cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {print v[int(NR*0.5)+1]}')
    echo "$module $health $plain $checked" | awk '{ f = "1 client, p50: module %.0f us = GET /admin/health %.0f us"
      f = f " + the checked statement alone %.0f us (a plain insert %.0f us) + %.0f us of the module\n"
      printf f, $1, $2, $4, $3, $1 - $2 - $4 }'
  done
fi
