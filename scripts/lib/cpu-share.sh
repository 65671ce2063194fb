# shellcheck shell=bash
# Which process uses the CPU while `scripts/bench load` holds its rate: CPU time per group of
# processes over a window, from /proc, in bash alone (no process is forked per pid, so the
# sampling itself costs next to nothing). Sourced by scripts/bench.

# One line per process: "<group> <utime+stime in clock ticks>". Groups: postgresql, rabbitmq,
# redis, zipkin (with --tracing), prost (the system under test), gatling (the load generator),
# other.
cpu_snapshot() {
  local dir stat rest group
  local -a args fields
  for dir in /proc/[0-9]*; do
    { read -r stat <"$dir/stat"; } 2>/dev/null || continue
    mapfile -d '' -t args 2>/dev/null <"$dir/cmdline" || continue
    ((${#args[@]})) || continue
    # fields after "pid (comm) ": state is 1, utime 12, stime 13
    rest=${stat##*) }
    read -r -a fields <<<"$rest"
    case "${args[*]}" in
      *postgres*) group=postgresql ;;
      *beam.smp*) group=rabbitmq ;;
      *redis-server*) group=redis ;;
      *zipkin-server*) group=zipkin ;;
      *prost.jar*) group=prost ;;
      *io.gatling*|*gatling*) group=gatling ;;
      *) group=other ;;
    esac
    echo "${dir#/proc/} $group $((fields[11] + fields[12]))"
  done
}

# Prints each group's share of one core over the next $1 seconds or so, largest first, and
# the machine's total against its cores.
cpu_share() {
  local seconds=$1 before after hz cores t0 t1
  hz=$(getconf CLK_TCK)
  cores=$(nproc)
  t0=$EPOCHREALTIME
  before=$(cpu_snapshot)
  sleep "$seconds"
  t1=$EPOCHREALTIME
  after=$(cpu_snapshot)
  # the window is from the start of one snapshot to the start of the other
  awk -v hz="$hz" -v s="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" -v cores="$cores" '
    NR == FNR { start[$1] = $3; next }
    { used[$2] += $3 - ($1 in start ? start[$1] : 0) }
    END {
      for (g in used) { total += used[g]; printf "%-11s %4.0f %% of a core\n", g, used[g] / hz / s * 100 | "sort -k2 -nr" }
      close("sort -k2 -nr")
      printf "%-11s %4.0f %% of %d cores\n", "machine", total / hz / s * 100 / cores, cores
    }' <(echo "$before") <(echo "$after")
}
