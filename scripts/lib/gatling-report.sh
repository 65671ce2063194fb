# shellcheck shell=bash
# Figures read back from a Gatling HTML report (the report is the only place Gatling 3.15
# writes its statistics in text: simulation.log is binary). Sourced by scripts/bench.

# One line per row of the report's statistics table:
#   name count ok ko count/s min p50 p75 p95 p99 max mean   (times in ms; spaces in names → _)
# A group's times are its durations (gatling.conf sets useGroupDurationMetric).
gatling_stats() {
  awk '
    function flush() { if (name != "") print name, v[2], v[3], v[4], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13] }
    /ellipsed-name">/ { flush(); match($0, /ellipsed-name">[^<]*</)
      name = substr($0, RSTART + 15, RLENGTH - 16); gsub(/ /, "_", name); delete v }
    /class="value [a-z]+ col-[0-9]+">/ { match($0, /col-[0-9]+">[^<]*</)
      split(substr($0, RSTART + 4, RLENGTH - 5), cell, "\">"); v[cell[1]] = cell[2] }
    END { flush() }' "$1/index.html"
}

# The median number of OK responses per second, leaving out the first $2 seconds (the ramp)
# and the last second (cut short): the rate the system kept up with, from the report's
# "Number of responses per second" chart.
gatling_ok_rate() {
  awk -v skip="$2" '
    /Number of responses per second/ { chart = 1 }
    chart && /name: .OK.,/ { ok = 1; next }
    chart && ok && /data: \[\[/ { print; exit }' "$1/index.html" |
    grep -oE '\[[0-9]+, [0-9]+\]' | tr -d '[],' |
    awk -v skip="$2" '{ v[NR] = $2 } END { for (i = skip + 1; i < NR; i++) print v[i] }' | median
}
