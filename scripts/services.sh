#!/usr/bin/env bash
# Private RabbitMQ and Redis on loopback, for the fleet tests and local runs. No systemd, no root services: each
# checkout gets its own instances, ports, credentials and state under .services/ (gitignored).
#
#   scripts/services.sh up     start both (idempotent), then print the connection settings
#   scripts/services.sh env    print the connection settings of the running instances
#   scripts/services.sh down   stop both and forget the state
#   scripts/services.sh stop redis|rabbitmq / start redis|rabbitmq
#                              stop or start one of them in place (same port, credentials and state): outage drills
#
# `eval "$(scripts/services.sh env)"` or `export $(scripts/services.sh env)` puts the settings in your shell:
#   ConnectionStrings__RabbitMq=amqp://USER:PASS@127.0.0.1:PORT/
#   ConnectionStrings__Redis=127.0.0.1:PORT
#
# Needs the Debian packages rabbitmq-server and redis-server (installed, not running).
# SERVICES_DIR overrides where the state lives.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${SERVICES_DIR:-$repo/.services}"
state="$dir/state.env"
rabbit_bin=/usr/lib/rabbitmq/bin/rabbitmq-server

script_name=services.sh
# shellcheck source=scripts/loopback.sh
. "$repo/scripts/loopback.sh"

print_env() {
  echo "ConnectionStrings__RabbitMq=amqp://$RABBIT_USER:$RABBIT_PASS@127.0.0.1:$AMQP_PORT/"
  echo "ConnectionStrings__Redis=127.0.0.1:$REDIS_PORT"
}

load_state() {
  [ -f "$state" ] || return 1
  # shellcheck disable=SC1090
  . "$state"
}

running() {
  load_state && alive "$(cat "$dir/rabbitmq/pid" 2>/dev/null || true)" && alive "$(cat "$dir/redis/pid" 2>/dev/null || true)" &&
    answers "$AMQP_PORT" && answers "$REDIS_PORT"
}

rabbit_env() {
  rabbit_node_env "$dir/rabbitmq/home" "$dir/rabbitmq" "$NODE_NAME" "$AMQP_PORT" "$DIST_PORT" "$EPMD_PORT"
}

start_redis() {
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize no \
    --dir "$dir/redis" --logfile "$dir/redis/redis.log" >/dev/null 2>&1 &
  echo $! >"$dir/redis/pid"
  wait_for_port "$REDIS_PORT" "$(cat "$dir/redis/pid")" redis 10 "$dir/redis/redis.log"
}

# Starts the broker on the configuration and state that `up` wrote, so a restart keeps users and durable queues.
start_rabbitmq() {
  local r="$dir/rabbitmq"
  rm -f "$r/pid"
  (
    rabbit_env
    exec setsid "$rabbit_bin" >>"$r/log/stdout.log" 2>&1
  ) &
  local rabbit_shell=$!
  # 6-8 s on a quiet machine; over 60 s was seen with the parallel test phase and other work on 2 cores.
  wait_for_port "$AMQP_PORT" "$rabbit_shell" rabbitmq 180 "$r/log/stdout.log"
  # The broker's pid file is written by the node once it runs; until then keep the launching shell's pid.
  [ -s "$r/pid" ] || echo "$rabbit_shell" >"$r/pid"
}

stop_one() {
  case "$1" in
    redis) stop_pid "$(cat "$dir/redis/pid" 2>/dev/null || true)" ;;
    rabbitmq) stop_pid "$(cat "$dir/rabbitmq/pid" 2>/dev/null || true)" ;;
    *) fail "unknown service '$1': use redis or rabbitmq" ;;
  esac
}

start_one() {
  case "$1" in
    redis) start_redis ;;
    rabbitmq) start_rabbitmq ;;
    *) fail "unknown service '$1': use redis or rabbitmq" ;;
  esac
}

up() {
  if running; then
    print_env
    return
  fi
  check_installed
  stop_all
  rm -rf "$dir"
  mkdir -p "$dir/rabbitmq/home" "$dir/rabbitmq/mnesia" "$dir/rabbitmq/log" "$dir/redis"

  taken=""
  free_port AMQP_PORT
  free_port DIST_PORT
  free_port EPMD_PORT
  free_port REDIS_PORT
  NODE_NAME="ir$AMQP_PORT"
  RABBIT_USER="ir"
  RABBIT_PASS="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
  cat >"$state" <<EOF
AMQP_PORT=$AMQP_PORT
DIST_PORT=$DIST_PORT
EPMD_PORT=$EPMD_PORT
REDIS_PORT=$REDIS_PORT
NODE_NAME=$NODE_NAME
RABBIT_USER=$RABBIT_USER
RABBIT_PASS=$RABBIT_PASS
EOF
  chmod 600 "$state"

  local r="$dir/rabbitmq"
  echo "[]." >"$r/enabled_plugins"
  : >"$r/rabbitmq-env.conf"
  cat >"$r/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$AMQP_PORT
loopback_users = none
default_user = $RABBIT_USER
default_pass = $RABBIT_PASS
default_vhost = /
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
# First line against oversized requests: the broker refuses a message over 16 MiB (its default is 128 MiB) before any
# worker reads it; the workers' own cap (IsolatedRuntime__MaxRequestBytes, 7 MiB by default) is the second.
max_message_size = 16777216
EOF
  chmod 600 "$r/rabbitmq.conf"

  start_redis
  start_rabbitmq
  print_env
}

stop_pid() {
  local pid=$1
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    alive "$pid" || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_all() {
  load_state || return 0
  stop_pid "$(cat "$dir/redis/pid" 2>/dev/null || true)"
  stop_pid "$(cat "$dir/rabbitmq/pid" 2>/dev/null || true)"
  # epmd outlives the broker; stop only ours, found by its private port.
  ERL_EPMD_PORT="$EPMD_PORT" epmd -kill >/dev/null 2>&1 || true
}

case "${1:-}" in
  up) up ;;
  env)
    running || fail "the services are not running: start them with 'scripts/services.sh up'"
    print_env
    ;;
  stop | start)
    # For the reliability drills: stop or start one service of a running `up`, keeping its port and state.
    load_state || fail "the services were never started: run 'scripts/services.sh up' first"
    "$1_one" "${2:-}"
    ;;
  down)
    stop_all
    rm -rf "$dir"
    ;;
  *)
    echo "usage: scripts/services.sh up|down|env|stop SERVICE|start SERVICE (SERVICE: redis or rabbitmq)" >&2
    exit 2
    ;;
esac
