# shellcheck shell=bash
# A Zipkin server (in memory) for `scripts/run --tracing` and `scripts/bench load --tracing`.
# Maven fetches the exec jar like any dependency (launcher/pom.xml, execution zipkin-server; the
# version is pinned in the root pom). Sourced; expects $root.

zipkin_pid=""

# Starts Zipkin on port $1, logging to $2, and waits until it answers /health; sets zipkin_pid.
zipkin_start() {
  local port=$1 log=$2 jar=$root/launcher/target/zipkin/zipkin-server.jar _
  [[ -f $jar ]] || (cd "$root" && mvn -B -ntp -q -pl launcher dependency:copy@zipkin-server >&2)
  mkdir -p "$(dirname "$log")"
  # in memory, so bounded: 100 % sampling under the load bench sends ~10^5 spans a minute, and
  # the default cap (500,000 spans) in a small heap ran Zipkin out of memory, its GC then
  # taking the CPU the system under test was being measured with
  STORAGE_TYPE=mem MEM_MAX_SPANS=${PROST_ZIPKIN_MAX_SPANS:-100000} QUERY_PORT=$port \
    java -Xmx1g -jar "$jar" >"$log" 2>&1 &
  zipkin_pid=$!
  echo "starting Zipkin on :$port (pid $zipkin_pid) ..." >&2
  for _ in $(seq 120); do
    # ours still alive first: another Zipkin on that port would answer too
    kill -0 "$zipkin_pid" 2>/dev/null || break
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0
    sleep 1
  done
  echo "Zipkin did not start: ${log#"$root"/}" >&2
  zipkin_stop
  return 1
}

# Stops the Zipkin started by zipkin_start; safe to call twice.
zipkin_stop() {
  if [[ -n $zipkin_pid ]]; then
    kill "$zipkin_pid" 2>/dev/null || true
    # a Zipkin deaf to SIGTERM (out of memory, say) must not hold the run up
    timeout 20 tail --pid="$zipkin_pid" -f /dev/null 2>/dev/null || kill -9 "$zipkin_pid" 2>/dev/null || true
    wait "$zipkin_pid" 2>/dev/null || true
    zipkin_pid=""
  fi
}
