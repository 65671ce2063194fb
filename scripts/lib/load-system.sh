# shellcheck shell=bash
# The whole system for `scripts/bench load`: prost.jar (four services and the public port in one
# JVM) against a database, a RabbitMQ vhost and a Redis key prefix of its own, all three
# removed afterwards. Sourced by scripts/bench after scripts/lib/zipkin.sh; expects $root and
# $bench_dir.

load_id=""     # bench-<random>: the database is prost_<id with _>, the vhost and namespace <id>
load_pid=""    # the prost.jar process
load_db=""
load_zipkin_port=""
load_tracing=off # off, or the ratio of traces sampled, sent to a Zipkin started beside Prost

psql_admin() { psql -X -w -q -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 "$@"; }

# Starts Prost on a fresh database and vhost, with the PROST_* variables of the caller's
# environment (pool sizes, prefetch... see docs/performance.md) passed through. Waits until
# the public port says every service is ready. $1: extra JVM options (e.g. a JFR recording).
# With load_tracing a ratio, Zipkin (in memory, PROST_ZIPKIN_PORT or 9411) runs beside Prost and
# Prost samples that ratio of the traces (parent-based: a sampled checkout is traced end to end).
load_system_start() {
  local jvm_opts=${1:-} otel=()
  load_id=bench-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
  load_db=prost_${load_id//-/_}
  rabbitmqctl -q add_vhost "$load_id" >/dev/null
  rabbitmqctl -q set_permissions -p "$load_id" guest '.*' '.*' '.*' >/dev/null
  export PROST_DB_URL=postgresql://127.0.0.1:5432/$load_db
  export PROST_AMQP_URI=amqp://guest:guest@127.0.0.1:5672/$load_id
  export PROST_NAMESPACE=$load_id
  export PROST_ADMIN_EMAIL=admin@example.com
  export PROST_ADMIN_PASSWORD=load-test-admin-password
  export PROST_DATA_DIR=$bench_dir/$load_id/data
  mkdir -p "$PROST_DATA_DIR"
  "${bench_java:-java}" -jar "$root/launcher/target/prost.jar" migrate >"$bench_dir/$load_id/migrate.log" 2>&1 ||
    { cat "$bench_dir/$load_id/migrate.log" >&2; return 1; }
  if [[ $load_tracing != off ]]; then
    load_zipkin_port=${PROST_ZIPKIN_PORT:-9411}
    zipkin_start "$load_zipkin_port" "$bench_dir/$load_id/zipkin.log" || return 1
    otel=(OTEL_TRACES_EXPORTER=zipkin OTEL_EXPORTER_ZIPKIN_ENDPOINT=http://127.0.0.1:$load_zipkin_port/api/v2/spans
      OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=$load_tracing)
    echo "tracing: ${otel[*]}" >&2
  fi
  # as scripts/run and the Dockerfiles start it; the caller's JAVA_OPTS come last and win
  # shellcheck disable=SC2086 # the JVM options are words
  env "${otel[@]}" "${bench_java:-java}" -XX:-DontCompileHugeMethods $jvm_opts ${JAVA_OPTS:-} \
    -jar "$root/launcher/target/prost.jar" run all >"$bench_dir/$load_id/system.log" 2>&1 &
  load_pid=$!
  echo "system: prost.jar run all (pid $load_pid, database $load_db, vhost and namespace $load_id)" >&2
  local _
  for _ in $(seq 90); do
    if curl -fsS -o /dev/null http://127.0.0.1:8080/health/ready 2>/dev/null; then return 0; fi
    kill -0 "$load_pid" 2>/dev/null || break
    sleep 1
  done
  echo "system: not ready after 90 s, see ${bench_dir#"$root"/}/$load_id/system.log" >&2
  return 1
}

# The services that sent Zipkin spans so far, comma-separated (empty without tracing): shows
# the traces arrived.
load_traced_services() {
  [[ -n $zipkin_pid ]] || return 0
  curl -sf --max-time 10 "http://127.0.0.1:$load_zipkin_port/api/v2/services" 2>/dev/null | tr -d '[]"' || true
}

load_system_stop() {
  if [[ -n $load_pid ]]; then
    kill "$load_pid" 2>/dev/null || true
    wait "$load_pid" 2>/dev/null || true
    load_pid=""
  fi
  zipkin_stop
}

# Removes what load_system_start made; safe to call twice and after a failed start.
load_system_cleanup() {
  load_system_stop
  [[ -n $load_id ]] || return 0
  psql_admin -c "DROP DATABASE IF EXISTS $load_db WITH (FORCE)" >/dev/null ||
    echo "could not drop database $load_db" >&2
  local _
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    rabbitmqctl -q delete_vhost "$load_id" >/dev/null 2>&1 && break
    sleep 2
  done || true
  local vhosts
  if ! vhosts=$(rabbitmqctl -q list_vhosts 2>/dev/null) || grep -qx "$load_id" <<<"$vhosts"; then
    echo "could not delete RabbitMQ vhost $load_id: rabbitmqctl delete_vhost $load_id" >&2
  fi
  redis-cli --scan --pattern "$load_id:*" 2>/dev/null | xargs -r redis-cli del >/dev/null 2>&1 || true
  load_id=""
}

# Sum of the messages (ready + unacknowledged) in the run's queues whose names match $1. The
# broker may be restarting (other test suites on a shared machine do that): asks again for up
# to 30 s before giving up.
load_queue_depth() {
  local listing _
  for _ in $(seq 30); do
    if listing=$(rabbitmqctl -q list_queues -p "$load_id" name messages 2>/dev/null); then
      awk -v re="$1" '$1 ~ re { n += $2 } END { print n + 0 }' <<<"$listing"
      return 0
    fi
    sleep 1
  done
  echo "rabbitmqctl could not list the queues of vhost $load_id for 30 s" >&2
  return 1
}

# Waits up to $1 seconds for the pipeline to go quiet: no saga open in orders or cart, no
# outbox row unpublished, no message waiting in a work or retry queue.
load_drain() {
  local limit=$1 waited=0 open depth
  while :; do
    open=$(psql_admin -d "$load_db" -Atc "
      SELECT (SELECT count(*) FROM orders_schema.saga_state WHERE state NOT IN ('CONFIRMED', 'FAILED', 'CANCELLED'))
           + (SELECT count(*) FROM cart_schema.saga_state WHERE status = 'INITIATED')
           + (SELECT count(*) FROM cart_schema.outbox WHERE published_at IS NULL)
           + (SELECT count(*) FROM orders_schema.outbox WHERE published_at IS NULL)
           + (SELECT count(*) FROM catalog_schema.outbox WHERE published_at IS NULL)
           + (SELECT count(*) FROM users_schema.outbox WHERE published_at IS NULL)")
    depth=$(load_queue_depth '[.]events[.][a-z-]+([.]retry)?$') || depth=1 # unknown: not quiet
    open=$((open + depth))
    ((open == 0)) && { echo "drain: quiet after ${waited} s" >&2; return 0; }
    ((waited >= limit)) && { echo "drain: $open sagas, outbox rows or queued messages left after ${limit} s" >&2; return 0; }
    sleep 1
    waited=$((waited + 1))
  done
}
