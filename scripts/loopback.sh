# Shared by the scripts that start private services on loopback (services.sh, cluster.sh); sourced, not run. The
# sourcing script sets script_name, which prefixes its messages.

fail() {
  echo "$script_name: $*" >&2
  exit 1
}

port_in_use() {
  ss -Htln "sport = :$1" 2>/dev/null | grep -q .
}

# Sets the variable named $1 to a random free port in 20000-59999, unlike every port this shell chose before (a port
# is only in use once its service starts): random so that two checkouts on one machine do not collide.
free_port() {
  local candidate # not "port": the caller's variable may be named so
  for _ in $(seq 1 100); do
    candidate=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! port_in_use "$candidate" && [[ " ${taken:-} " != *" $candidate "* ]]; then
      taken="${taken:-} $candidate"
      printf -v "$1" '%s' "$candidate"
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

# wait_for_port PORT PID NAME SECONDS LOG: until PORT answers; fails if PID exits first or time runs out.
wait_for_port() {
  local port=$1 pid=$2 name=$3 seconds=$4 log=$5
  local deadline=$((SECONDS + seconds))
  until answers "$port"; do
    alive "$pid" || fail "$name exited while starting; its log: $log"
    [ "$SECONDS" -lt "$deadline" ] || fail "$name did not answer on 127.0.0.1:$port within ${seconds}s; its log: $log"
    sleep 0.2
  done
}

# Fails, saying what to install, unless the Debian packages of RabbitMQ and Redis are installed.
check_installed() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  command -v epmd >/dev/null 2>&1 || missing+=(erlang-base)
  if [ ${#missing[@]} -gt 0 ]; then
    fail "missing ${missing[*]}: install with 'apt-get install -y --no-install-recommends ${missing[*]}' (the services are started privately, never as system services)"
  fi
}

# rabbit_node_env HOME_DIR NODE_DIR NODE_NAME AMQP_PORT DIST_PORT EPMD_PORT: exports what a private RabbitMQ node (and
# a CLI tool talking to it) needs: its own name, ports, epmd, state folders and configuration files under NODE_DIR, and
# HOME_DIR for the Erlang cookie. Loopback only.
rabbit_node_env() {
  local r=$2
  export HOME="$1"
  export RABBITMQ_NODENAME="$3@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$4"
  export RABBITMQ_DIST_PORT="$5"
  export ERL_EPMD_PORT="$6"
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
