# The machine's shared RabbitMQ node, as scripts/test sees it before and after the suite: the
# suite must leave its lifecycle alone (tests that restart a broker start nodes of their own).
# Uptime alone would miss a `rabbitmqctl stop_app`/`start_app` (the Erlang VM keeps running), so
# the identity is the VM's OS pid plus the pid of the rabbit application's top supervisor, which
# is a new process whenever the application starts again.

# Prints "<os pid> <rabbit_sup pid> <uptime in seconds>", or fails when the node cannot be asked
# (rabbitmqctl needs root or the rabbitmq user to read the node's Erlang cookie).
shared_broker_identity() {
  local identity
  identity=$(PATH=$PATH:/usr/sbin:/sbin rabbitmqctl -q eval '{T, _} = erlang:statistics(wall_clock),
    io:format("~s ~s ~b~n", [os:getpid(), pid_to_list(whereis(rabbit_sup)), T div 1000]), ok.' 2>/dev/null |
    head -1) || return 1
  [[ $identity =~ ^[0-9]+\ \<0\.[0-9]+\.[0-9]+\>\ [0-9]+$ ]] || return 1
  echo "$identity"
}

# Compares two identities; prints a clear verdict and fails when the node was restarted or its
# application stopped in between.
shared_broker_check() {
  local before=$1 after=$2
  read -r pid_before sup_before up_before <<<"$before"
  read -r pid_after sup_after up_after <<<"$after"
  if [[ $pid_before != "$pid_after" || $sup_before != "$sup_after" || $up_after -lt $up_before ]]; then
    echo "FAILED: the shared RabbitMQ node was restarted during the tests" \
      "(before: OS pid $pid_before, rabbit_sup $sup_before, up ${up_before} s;" \
      "after: OS pid $pid_after, rabbit_sup $sup_after, up ${up_after} s)." \
      "A test that stops or restarts a broker must use RabbitNodes." >&2
    return 1
  fi
  echo "The shared RabbitMQ node was left alone: the same VM (OS pid $pid_after) and application," \
    "up ${up_before} s before the tests and ${up_after} s after."
}
