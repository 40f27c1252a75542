#!/bin/bash
# worker-probe live|ready [PORT]: the container health check of a worker. Asks the worker's health endpoint
# (http://127.0.0.1:PORT/health/live or /health/ready; PORT defaults to IsolatedRuntime__Health__Port, else 8080)
# with bash's /dev/tcp, and exits 0 when it answers 200 (Healthy or Degraded), 1 otherwise. It costs milliseconds:
# `dotnet IsolatedRuntime.Worker.dll --probe` does the same with a whole .NET process (over a second of CPU).
probe=${1:-ready}
port=${2:-${IsolatedRuntime__Health__Port:-8080}}
case "$probe" in
  live | ready) ;;
  *) echo "Usage: worker-probe live|ready [PORT]" >&2; exit 2 ;;
esac
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /health/%s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$probe" >&3
IFS= read -r -t 4 status <&3 || { echo "no answer from the health endpoint on port $port within 4 s"; exit 1; }
echo "$status"
[[ "$status" == HTTP/1.[01]" 200 "* ]]
