# shellcheck shell=bash
# The overload run of `scripts/bench load`: checkouts offered at twice the capacity just
# measured, to see admission control refuse the excess at the door instead of letting every
# checkout slow down. Figures come from the system's own meters (cart's /metrics), so they
# are what the service admitted and refused, not what the generator believed. Sourced by
# scripts/bench; expects run_simulation, checkouts_per_second, load_drain, psql_admin.

# Prometheus text of one service port's /metrics.
overload_scrape() {
  curl -fsS "http://127.0.0.1:$1/metrics"
}

# From two scrapes ($1 before, $2 after) of cart: "<requests> <refused> <admitted-p99-ms>" for
# POST /api/cart/checkout, where admitted are the 202 answers and p99 is read off the
# timer's histogram buckets (the upper bound of the bucket holding the 99th percentile).
overload_checkout_figures() {
  awk '
    function labels(line,   l) { l = line; sub(/^[^{]*\{/, "", l); sub(/\}.*/, "", l); return l }
    function label(l, key,   m) { if (match(l, key "=\"[^\"]*\"")) { m = substr(l, RSTART, RLENGTH); sub(/^[^"]*"/, "", m); sub(/"$/, "", m); return m } return "" }
    /^prost_http_requests_seconds_(count|bucket)\{/ {
      l = labels($0)
      if (label(l, "route") != "/api/cart/checkout" || label(l, "method") != "POST") next
      sign = (FILENAME == ARGV[1]) ? -1 : 1
      status = label(l, "status")
      if ($0 ~ /^prost_http_requests_seconds_count/) {
        requests += sign * $NF
        if (status == "503") refused += sign * $NF
      } else if (status == "202") {
        le = label(l, "le"); bucket[le] += sign * $NF
      }
    }
    END {
      # buckets are cumulative: the p99 is the smallest bound already holding 99 % of them
      n = bucket["+Inf"]; p99 = n > 0 ? -1 : 0
      for (le in bucket) {
        if (le != "+Inf" && bucket[le] >= 0.99 * n && (p99 < 0 || le * 1000 < p99)) p99 = le * 1000
      }
      printf "%d %d %.0f\n", requests, refused, p99
    }' "$1" "$2"
}

# Offers $2 checkouts/s (twice the capacity $1) for 60 s; prints the figures and sets
# overload_text for the performance row.
overload_run() {
  local capacity=$1 rate=$2 since before after figures requests refused p99 goodput share pg_before pg_after taken
  before=$bench_dir/$load_id/overload-before.prom
  after=$bench_dir/$load_id/overload-after.prom
  overload_scrape 8083 >"$before"
  since=$(psql_admin -Atc "SELECT now()")
  pg_before=$(pg_counters)
  # the generator's own assertions fail by design here (refusals are errors to it)
  duration=60 run_simulation CheckoutSimulation "$rate" || true
  load_drain 60 || true
  overload_scrape 8083 >"$after"
  pg_after=$(pg_counters)
  goodput=$(duration=60 checkouts_per_second "$since")
  taken=$(checkouts_since "$since")
  echo -n "overload: " >&2
  per_checkout "$pg_before" "$pg_after" "$taken" >&2
  consumer_commit_figures "$before" "$after" "$taken" >&2
  figures=$(overload_checkout_figures "$before" "$after")
  read -r requests refused p99 <<<"$figures"
  share=$(awk -v r="$refused" -v n="$requests" 'BEGIN { printf "%.0f", n ? 100 * r / n : 0 }')
  echo "overload: $rate checkouts/s offered (2 × $capacity): goodput $goodput completed/s" \
    "($(awk -v g="$goodput" -v c="$capacity" 'BEGIN { printf "%.0f", c ? 100 * g / c : 0 }') % of capacity);" \
    "$refused of $requests checkout requests refused with 503 ($share %); admitted p99 $p99 ms (cart's own timer)"
  overload_text="overload at $rate/s: goodput $goodput/s, $share % refused, admitted p99 $p99 ms"
}

# Consumer and relay transactions between two scrapes of /metrics ($1 before, $2 after), per
# checkout of $3: "2.4 consumer and 1.1 relay commits per checkout (events per commit: orders 3.1, ...)".
consumer_commit_figures() {
  awk -v n="$3" '
    /^prost_(events_group_size|outbox_pass_rows)_(count|sum)\{/ {
      relay = $0 ~ /^prost_outbox/
      c = $0; sub(relay ? ".*service=\"" : ".*consumer=\"", "", c); sub(/".*/, "", c)
      if (relay) c = c " relay"
      sign = (FILENAME == ARGV[1]) ? -1 : 1
      if ($0 ~ /_count\{/) commits[c] += sign * $NF; else events[c] += sign * $NF
    }
    END {
      for (c in commits) {
        if (c ~ / relay$/) relays += commits[c]; else consumers += commits[c]
        if (commits[c] > 0) parts = parts sprintf("%s%s %.1f", parts ? ", " : "", c, events[c] / commits[c])
      }
      if (n > 0) printf "%.1f consumer and %.1f relay commits per checkout (events per commit: %s)\n", consumers / n, relays / n, parts
    }' "$1" "$2"
}
