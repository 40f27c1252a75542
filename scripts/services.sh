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

fail() {
  echo "services.sh: $*" >&2
  exit 1
}

port_in_use() {
  ss -Htln "sport = :$1" 2>/dev/null | grep -q .
}

# A random free port in 20000-59999; random so that two checkouts on one machine do not collide.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! port_in_use "$port" && [[ " ${taken:-} " != *" $port "* ]]; then
      taken="${taken:-} $port"
      echo "$port"
      return
    fi
  done
  fail "no free port found on 127.0.0.1"
}

alive() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null
}

answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_port() {
  local port=$1 pid=$2 name=$3 seconds=$4 log=$5
  local deadline=$((SECONDS + seconds))
  until answers "$port"; do
    if ! alive "$pid"; then
      fail "$name exited while starting; its log: $log"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "$name did not answer on 127.0.0.1:$port within ${seconds}s; its log: $log"
    fi
    sleep 0.2
  done
}

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

check_installed() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -x "$rabbit_bin" ] || missing+=(rabbitmq-server)
  command -v epmd >/dev/null 2>&1 || missing+=(erlang-base)
  if [ ${#missing[@]} -gt 0 ]; then
    fail "missing ${missing[*]}: install with 'apt-get install -y --no-install-recommends ${missing[*]}' (the services are started privately, never as system services)"
  fi
}

rabbit_env() {
  local r="$dir/rabbitmq"
  export HOME="$r/home"
  export RABBITMQ_NODENAME="$NODE_NAME@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$AMQP_PORT"
  export RABBITMQ_DIST_PORT="$DIST_PORT"
  export ERL_EPMD_PORT="$EPMD_PORT"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_MNESIA_BASE="$r/mnesia"
  export RABBITMQ_LOG_BASE="$r/log"
  export RABBITMQ_PID_FILE="$r/pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$r/enabled_plugins"
  export RABBITMQ_CONFIG_FILE="$r/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$r/advanced.config"
  export RABBITMQ_CONF_ENV_FILE="$r/rabbitmq-env.conf"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
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
  wait_for_port "$AMQP_PORT" "$rabbit_shell" rabbitmq 60 "$r/log/stdout.log"
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
  AMQP_PORT=$(free_port)
  DIST_PORT=$(free_port)
  EPMD_PORT=$(free_port)
  REDIS_PORT=$(free_port)
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
