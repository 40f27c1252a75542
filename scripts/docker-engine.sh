#!/usr/bin/env bash
# A Docker engine without systemd: Debian's docker.io, with dockerd started by hand, its data root, exec root,
# socket, pid file and log in one folder of its own. For machines where no Docker runs as a service (CI, containers,
# air-gapped hosts); where an engine already answers, that one is used and nothing is started.
#
#   scripts/docker-engine.sh up      install docker.io when missing (apt), start dockerd (idempotent), print DOCKER_HOST
#   scripts/docker-engine.sh env     print DOCKER_HOST of the engine that answers (exit 1 when none does)
#   scripts/docker-engine.sh down    stop the dockerd this script started, and its containers; images stay cached
#   scripts/docker-engine.sh purge   down, then delete the folder (every image, layer and build cache in it)
#
# `eval "$(scripts/docker-engine.sh up)"` puts `export DOCKER_HOST=unix://…` in your shell.
#
# DOCKER_ENGINE_DIR is the folder (default ~/.cache/isolated-runtime/docker: outside the checkout, so that images and
# build layers survive a fresh clone and a second run is fast). A DOCKER_HOST already set is tried first.
# Needs root (dockerd does). Default bridge networking (docker0, iptables-nft); containers reach out only through it.
set -euo pipefail

dir="${DOCKER_ENGINE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/isolated-runtime/docker}"
socket="$dir/docker.sock"
pidfile="$dir/dockerd.pid"
log="$dir/dockerd.log"

fail() {
  echo "docker-engine.sh: $*" >&2
  exit 1
}

# The docker client Debian's package installs (/usr/bin/docker), unless another one is on PATH.
docker_client() {
  command -v docker 2>/dev/null || echo /usr/bin/docker
}

answers() {
  local host=$1
  timeout 10 "$(docker_client)" -H "$host" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# The engine to use: DOCKER_HOST when set and answering, then this script's own, then the system's default socket.
engine() {
  if [ -n "${DOCKER_HOST:-}" ] && answers "$DOCKER_HOST"; then
    echo "$DOCKER_HOST"
  elif [ -S "$socket" ] && answers "unix://$socket"; then
    echo "unix://$socket"
  elif [ -S /var/run/docker.sock ] && answers unix:///var/run/docker.sock; then
    echo unix:///var/run/docker.sock
  else
    return 1
  fi
}

install_engine() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /usr/bin/docker ] || command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v iptables >/dev/null 2>&1 || missing+=(iptables)
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  [ "$(id -u)" -eq 0 ] || fail "missing ${missing[*]}; install them as root: apt-get install -y --no-install-recommends ${missing[*]}"
  echo "docker-engine.sh: installing ${missing[*]}" >&2
  # policy-rc.d (present in container-built machines) keeps the package from starting a system dockerd; if it does
  # start one anyway, that one is used only when DOCKER_HOST points at it.
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 \
    "${missing[@]}" >&2
}

start_engine() {
  [ "$(id -u)" -eq 0 ] || fail "dockerd needs root; run this as root, or point DOCKER_HOST at an engine that runs"
  mkdir -p "$dir/data" "$dir/exec"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    fail "a dockerd (pid $(cat "$pidfile")) owns $dir but does not answer on $socket; see $log, or stop it with: $0 down"
  fi
  rm -f "$pidfile" "$socket"
  # setsid: the engine outlives this shell and is not hit by its Ctrl+C. Its containerd is started by dockerd itself
  # (state under the exec root), so nothing else needs a service manager.
  setsid dockerd \
    --data-root "$dir/data" \
    --exec-root "$dir/exec" \
    --pidfile "$pidfile" \
    --host "unix://$socket" \
    --log-level warn \
    >>"$log" 2>&1 </dev/null &
  local deadline=$((SECONDS + 60))
  until answers "unix://$socket"; do
    if ! kill -0 $! 2>/dev/null; then
      fail "dockerd exited while starting; the end of its log ($log):$(echo; tail -n 15 "$log")"
    fi
    [ "$SECONDS" -lt "$deadline" ] || fail "dockerd did not answer on $socket within 60 s; see $log"
    sleep 0.5
  done
}

stop_engine() {
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    # Containers first, each with its own grace period, so that nothing is left for the next start to restart.
    local running
    running=$("$(docker_client)" -H "unix://$socket" ps -q 2>/dev/null || true)
    if [ -n "$running" ]; then
      # shellcheck disable=SC2086
      "$(docker_client)" -H "unix://$socket" stop -t 10 $running >/dev/null 2>&1 || true
    fi
    kill -TERM "$pid"
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        echo "docker-engine.sh: dockerd (pid $pid) did not stop within 30 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.5
    done
  fi
  rm -f "$pidfile" "$socket"
}

case "${1:-}" in
  up)
    if host=$(engine); then
      echo "export DOCKER_HOST=$host"
      exit 0
    fi
    install_engine
    start_engine
    echo "export DOCKER_HOST=unix://$socket"
    ;;
  env)
    host=$(engine) || fail "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-unset}, $socket, /var/run/docker.sock); start one with: $0 up"
    echo "export DOCKER_HOST=$host"
    ;;
  down)
    stop_engine
    ;;
  purge)
    stop_engine
    # Mounts left behind by a killed engine would make rm fail half-way.
    grep -o " $dir/[^ ]*" /proc/mounts | sort -r | xargs -r -n 1 umount -l 2>/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "Usage: $0 up|env|down|purge" >&2
    exit 2
    ;;
esac
