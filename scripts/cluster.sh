#!/usr/bin/env bash
# A three-node RabbitMQ cluster and a Redis Cluster (three masters, three replicas) on loopback, for the cluster
# drills and for trying the fleet across several brokers on one machine. Like scripts/services.sh: no systemd, random
# free ports, a random RabbitMQ password, state under .cluster/ (CLUSTER_DIR overrides), idempotent up and down.
#
#   scripts/cluster.sh up [rabbitmq|redis]   start both clusters (or one), then print the connection settings
#   scripts/cluster.sh env                   print the settings of the running clusters
#   scripts/cluster.sh down                  stop every node and forget the state
#   scripts/cluster.sh kill rabbitmq|redis N     SIGKILL node N (1-3 for RabbitMQ, 1-6 for Redis): a crash
#   scripts/cluster.sh stop rabbitmq|redis N     SIGTERM node N: a clean stop
#   scripts/cluster.sh start rabbitmq|redis N    start node N again on its ports and state; it rejoins its cluster
#   scripts/cluster.sh leader QUEUE          the RabbitMQ node (1-3) that leads quorum queue QUEUE
#   scripts/cluster.sh queues                every queue: name, type, leading node (1-3, - for classic), messages
#   scripts/cluster.sh masters               the Redis nodes (1-6) that are masters now, one per line
#   scripts/cluster.sh status                every node, its ports and whether it answers
#
# The settings name every node, so clients fail over between them:
#   ConnectionStrings__RabbitMq=amqp://USER:PASS@127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3/
#   ConnectionStrings__Redis=127.0.0.1:R1,127.0.0.1:R2,…,127.0.0.1:R6
#
# RabbitMQ: node 1 starts alone, then nodes 2 and 3 start together and join it at boot (peer discovery from a fixed
# list, classic_config: the same cluster `rabbitmqctl join_cluster` makes, without stopping and restarting the
# joining nodes' applications). All nodes share one Erlang cookie and one private epmd port.
# Redis: `redis-cli --cluster create` with one replica per master, so a killed master's replica takes over after
# REDIS_NODE_TIMEOUT_MS (default 2000; Redis's own default is 15000) and no slot stays without a master.
#
# Needs the Debian packages rabbitmq-server and redis-server (installed, not running).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${CLUSTER_DIR:-$repo/.cluster}"
state="$dir/state.env"
rabbit_sbin=/usr/lib/rabbitmq/bin
rabbit_nodes=3
redis_nodes=6
node_timeout="${REDIS_NODE_TIMEOUT_MS:-2000}"

script_name=cluster.sh
# shellcheck source=scripts/loopback.sh
. "$repo/scripts/loopback.sh"

load_state() {
  [ -f "$state" ] || return 1
  # shellcheck disable=SC1090
  . "$state"
}

value() {
  eval "echo \"\${$1:-}\""
}

pid_of() {
  cat "$dir/$1/$2/pid" 2>/dev/null || true
}

# ---------------------------------------------------------------- RabbitMQ

rabbit_env() {
  rabbit_node_env "$dir/rabbitmq/home" "$dir/rabbitmq/$1" "$(value "RABBIT_NODE_$1")" "$(value "AMQP_PORT_$1")" \
    "$(value "DIST_PORT_$1")" "$EPMD_PORT"
}

# rabbitmqctl (or another CLI tool) against node N, with the cluster's cookie and epmd.
rabbit_cli() {
  local n=$1 tool=$2
  shift 2
  (
    rabbit_env "$n"
    "$rabbit_sbin/$tool" -n "$RABBITMQ_NODENAME" "$@"
  )
}

write_rabbit_config() {
  local n=$1 r="$dir/rabbitmq/$1"
  mkdir -p "$r/mnesia" "$r/log"
  echo "[]." >"$r/enabled_plugins"
  : >"$r/rabbitmq-env.conf"
  {
    echo "listeners.tcp.1 = 127.0.0.1:$(value "AMQP_PORT_$n")"
    echo "loopback_users = none"
    echo "default_user = $RABBIT_USER"
    echo "default_pass = $RABBIT_PASS"
    echo "default_vhost = /"
    echo "default_permissions.configure = .*"
    echo "default_permissions.read = .*"
    echo "default_permissions.write = .*"
    # A node cut off from the majority stops serving rather than diverging; quorum queues need a majority anyway.
    echo "cluster_partition_handling = pause_minority"
    if [ "$n" -gt 1 ]; then
      echo "cluster_formation.peer_discovery_backend = classic_config"
      echo "cluster_formation.classic_config.nodes.1 = $RABBIT_NODE_1@localhost"
      echo "cluster_formation.randomized_startup_delay_range.min = 0"
      echo "cluster_formation.randomized_startup_delay_range.max = 1"
    fi
  } >"$r/rabbitmq.conf"
  chmod 600 "$r/rabbitmq.conf"
}

# Starts node N on the configuration and state that `up` wrote; returns once its AMQP port answers.
start_rabbit_node() {
  local n=$1 r="$dir/rabbitmq/$1"
  rm -f "$r/pid"
  (
    rabbit_env "$n"
    exec setsid "$rabbit_sbin/rabbitmq-server" >>"$r/log/stdout.log" 2>&1
  ) &
  local shell=$!
  wait_for_port "$(value "AMQP_PORT_$n")" "$shell" "rabbitmq node $n" 180 "$r/log/stdout.log"
  # The node writes its own pid file once it runs; until then keep the launching shell's pid.
  [ -s "$r/pid" ] || echo "$shell" >"$r/pid"
}

rabbit_up() {
  local home="$dir/rabbitmq/home"
  mkdir -p "$home"
  printf '%s' "$COOKIE" >"$home/.erlang.cookie"
  chmod 400 "$home/.erlang.cookie"
  for n in $(seq 1 $rabbit_nodes); do
    write_rabbit_config "$n"
  done
  start_rabbit_node 1
  local pids=()
  for n in $(seq 2 $rabbit_nodes); do
    start_rabbit_node "$n" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || fail "a RabbitMQ node did not start (logs under $dir/rabbitmq/*/log)"
  done
  local running
  running=$(rabbit_cli 1 rabbitmqctl -q eval 'length(rabbit_nodes:all_running()).' 2>&1 || true)
  [ "$running" = "$rabbit_nodes" ] || fail "the RabbitMQ nodes did not form one cluster (node 1 sees '$running' running nodes); logs under $dir/rabbitmq/*/log"
}

# ---------------------------------------------------------------- Redis

start_redis_node() {
  local n=$1 r="$dir/redis/$1"
  mkdir -p "$r"
  redis-server --bind 127.0.0.1 --port "$(value "REDIS_PORT_$n")" --cluster-port "$(value "REDIS_BUS_PORT_$n")" \
    --cluster-enabled yes --cluster-config-file "$r/nodes.conf" --cluster-node-timeout "$node_timeout" \
    --cluster-require-full-coverage no --save '' --appendonly no --daemonize no \
    --dir "$r" --logfile "$r/redis.log" >/dev/null 2>&1 &
  echo $! >"$r/pid"
  wait_for_port "$(value "REDIS_PORT_$n")" "$(cat "$r/pid")" "redis node $n" 20 "$r/redis.log"
}

redis_endpoints() {
  local sep=$1 out=""
  for n in $(seq 1 $redis_nodes); do
    out="$out${out:+$sep}127.0.0.1:$(value "REDIS_PORT_$n")"
  done
  echo "$out"
}

redis_up() {
  for n in $(seq 1 $redis_nodes); do
    start_redis_node "$n"
  done
  # shellcheck disable=SC2046
  redis-cli --cluster create $(redis_endpoints ' ') --cluster-replicas 1 --cluster-yes >"$dir/redis/create.log" 2>&1 ||
    fail "redis-cli --cluster create failed: $(tail -n 5 "$dir/redis/create.log")"
  local deadline=$((SECONDS + 60))
  for n in $(seq 1 $redis_nodes); do
    until redis-cli -p "$(value "REDIS_PORT_$n")" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; do
      [ "$SECONDS" -lt "$deadline" ] || fail "the Redis Cluster did not reach cluster_state:ok within 60s (node $n)"
      sleep 0.2
    done
  done
}

# ---------------------------------------------------------------- commands

print_env() {
  if [ -n "${AMQP_PORT_1:-}" ]; then
    local hosts=""
    for n in $(seq 1 $rabbit_nodes); do
      hosts="$hosts${hosts:+,}127.0.0.1:$(value "AMQP_PORT_$n")"
    done
    echo "ConnectionStrings__RabbitMq=amqp://$RABBIT_USER:$RABBIT_PASS@$hosts/"
  fi
  if [ -n "${REDIS_PORT_1:-}" ]; then
    echo "ConnectionStrings__Redis=$(redis_endpoints ,)"
  fi
}

# True when every node of every cluster that was started runs.
running() {
  load_state || return 1
  if [ -n "${AMQP_PORT_1:-}" ]; then
    for n in $(seq 1 $rabbit_nodes); do
      alive "$(pid_of rabbitmq "$n")" && answers "$(value "AMQP_PORT_$n")" || return 1
    done
  fi
  if [ -n "${REDIS_PORT_1:-}" ]; then
    for n in $(seq 1 $redis_nodes); do
      alive "$(pid_of redis "$n")" && answers "$(value "REDIS_PORT_$n")" || return 1
    done
  fi
}

up() {
  local which=${1:-all}
  case "$which" in all | rabbitmq | redis) ;; *) fail "unknown cluster '$which': use rabbitmq or redis" ;; esac
  if running && { [ "$which" != all ] || { [ -n "${AMQP_PORT_1:-}" ] && [ -n "${REDIS_PORT_1:-}" ]; }; } &&
    { [ "$which" != rabbitmq ] || [ -n "${AMQP_PORT_1:-}" ]; } && { [ "$which" != redis ] || [ -n "${REDIS_PORT_1:-}" ]; }; then
    print_env
    return
  fi
  check_installed
  stop_all
  rm -rf "$dir"
  mkdir -p "$dir"
  taken=""
  {
    local port stem
    if [ "$which" != redis ]; then
      free_port port
      echo "EPMD_PORT=$port"
      echo "RABBIT_USER=ir"
      echo "RABBIT_PASS=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
      echo "COOKIE=$(head -c 30 /dev/urandom | base64 | tr -dc 'A-Z' | head -c 20)"
      for n in $(seq 1 $rabbit_nodes); do
        free_port port
        echo "AMQP_PORT_$n=$port"
        # The node name carries node 1's port, so that two clusters on one machine (one epmd each) never share one.
        [ "$n" -gt 1 ] || stem="irc$port"
        echo "RABBIT_NODE_$n=${stem}n$n"
        free_port port
        echo "DIST_PORT_$n=$port"
      done
    fi
    if [ "$which" != rabbitmq ]; then
      for n in $(seq 1 $redis_nodes); do
        free_port port
        echo "REDIS_PORT_$n=$port"
        free_port port
        echo "REDIS_BUS_PORT_$n=$port"
      done
    fi
  } >"$state"
  chmod 600 "$state"
  load_state

  # Redis is up in a second; RabbitMQ takes most of the time, so start Redis beside it.
  local redis_pid=""
  if [ -n "${REDIS_PORT_1:-}" ]; then
    redis_up &
    redis_pid=$!
  fi
  [ -z "${AMQP_PORT_1:-}" ] || rabbit_up
  [ -z "$redis_pid" ] || wait "$redis_pid" || fail "the Redis Cluster did not start"
  print_env
}

stop_pid() {
  local pid=$1 signal=$2
  alive "$pid" || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do
    alive "$pid" || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_all() {
  load_state || return 0
  for n in $(seq 1 $redis_nodes); do
    stop_pid "$(pid_of redis "$n")" TERM &
  done
  for n in $(seq 1 $rabbit_nodes); do
    stop_pid "$(pid_of rabbitmq "$n")" TERM &
  done
  wait
  # epmd outlives the nodes; stop only ours, found by its private port.
  [ -z "${EPMD_PORT:-}" ] || ERL_EPMD_PORT="$EPMD_PORT" epmd -kill >/dev/null 2>&1 || true
}

node_arg() {
  local service=$1 n=${2:-}
  local count=$rabbit_nodes
  [ "$service" = redis ] && count=$redis_nodes
  case "$service" in rabbitmq | redis) ;; *) fail "unknown service '$service': use rabbitmq or redis" ;; esac
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le "$count" ] || fail "name a $service node from 1 to $count"
}

signal_node() {
  local signal=$1 service=$2 n=$3
  node_arg "$service" "$n"
  stop_pid "$(pid_of "$service" "$n")" "$signal"
}

start_node() {
  local service=$1 n=$2
  node_arg "$service" "$n"
  alive "$(pid_of "$service" "$n")" && return 0
  case "$service" in
    rabbitmq) start_rabbit_node "$n" ;;
    redis) start_redis_node "$n" ;;
  esac
}

# name, type, leading node (1-3, "-" for a classic queue) and messages of every queue, asked of the first running node.
queues() {
  for n in $(seq 1 $rabbit_nodes); do
    alive "$(pid_of rabbitmq "$n")" || continue
    local listing
    listing=$(rabbit_cli "$n" rabbitmqctl -q list_queues --no-table-headers name type leader messages 2>/dev/null) || continue
    while read -r name type leader messages; do
      [ -n "$name" ] || continue
      local index=-
      for m in $(seq 1 $rabbit_nodes); do
        [ "$leader" = "$(value "RABBIT_NODE_$m")@localhost" ] && index=$m
      done
      # A classic queue has no leader column value: the messages count moves left.
      [ "$type" = classic ] && [ -z "${messages:-}" ] && messages=$leader
      echo "$name $type $index ${messages:-0}"
    done <<<"$listing"
    return
  done
  fail "no RabbitMQ node is running"
}

leader() {
  local queue=${1:-}
  [ -n "$queue" ] || fail "name the queue: scripts/cluster.sh leader QUEUE"
  local index
  index=$(queues | awk -v q="$queue" '$1 == q { print $3 }')
  [ -n "$index" ] && [ "$index" != - ] || fail "no running node knows a quorum queue named $queue"
  echo "$index"
}

masters() {
  for n in $(seq 1 $redis_nodes); do
    alive "$(pid_of redis "$n")" || continue
    if redis-cli -p "$(value "REDIS_PORT_$n")" role 2>/dev/null | head -n 1 | grep -qx master; then
      echo "$n"
    fi
  done
}

status() {
  for n in $(seq 1 $rabbit_nodes); do
    [ -n "${AMQP_PORT_1:-}" ] || break
    local up=down
    alive "$(pid_of rabbitmq "$n")" && answers "$(value "AMQP_PORT_$n")" && up=up
    echo "rabbitmq $n $(value "RABBIT_NODE_$n")@localhost amqp=$(value "AMQP_PORT_$n") dist=$(value "DIST_PORT_$n") $up"
  done
  for n in $(seq 1 $redis_nodes); do
    [ -n "${REDIS_PORT_1:-}" ] || break
    local up=down role=""
    if alive "$(pid_of redis "$n")" && answers "$(value "REDIS_PORT_$n")"; then
      up=up
      role=$(redis-cli -p "$(value "REDIS_PORT_$n")" role 2>/dev/null | head -n 1)
    fi
    echo "redis $n port=$(value "REDIS_PORT_$n") $up $role"
  done
}

command=${1:-}
case "$command" in
  up) up "${2:-all}" ;;
  env)
    running || fail "the clusters are not running (or a node is down): start them with 'scripts/cluster.sh up'"
    print_env
    ;;
  down)
    stop_all
    rm -rf "$dir"
    ;;
  kill | stop | start | leader | queues | masters | status)
    load_state || fail "the clusters were never started: run 'scripts/cluster.sh up' first"
    case "$command" in
      kill) signal_node KILL "${2:-}" "${3:-}" ;;
      stop) signal_node TERM "${2:-}" "${3:-}" ;;
      start) start_node "${2:-}" "${3:-}" ;;
      leader) leader "${2:-}" ;;
      queues) queues ;;
      masters) masters ;;
      status) status ;;
    esac
    ;;
  *)
    echo "usage: scripts/cluster.sh up [rabbitmq|redis] | env | down | kill|stop|start rabbitmq|redis N | leader QUEUE | queues | masters | status" >&2
    exit 2
    ;;
esac
