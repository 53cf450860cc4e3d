#!/usr/bin/env bash
# Measures each service's start-up time and idle memory on a running platform (./chorus up --detach):
# restarts one service at a time, alone, with the command line the launcher gave it, and prints
#   footprint: <service> start_s=<seconds to ready> rss_mib=<resident memory after 20 s idle>
# start_s is from the process starting until its readiness probe answers UP (JVM and Spring both).
# Each measured process is stopped afterwards (the launcher did not start it, so ./chorus down would
# not find it): run ./chorus down, then ./chorus up, to have the whole platform again.
set -euo pipefail
cd "$(dirname "$0")/../.."
services=(${@:-commissions membership payments reporting})
declare -A http=([commissions]=8081 [membership]=8082 [payments]=8083 [reporting]=8084)
for service in ${services[*]}; do
  pidfile=".chorus/pids/$service.pid"
  read -r pid rest < "$pidfile"
  mapfile -d '' cmd < "/proc/$pid/cmdline"
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  start=$(date +%s.%N)
  "${cmd[@]}" >> ".chorus/logs/$service.log" 2>&1 &
  new=$!
  until curl -fs "http://127.0.0.1:${http[$service]}/actuator/health/readiness" >/dev/null 2>&1; do sleep 0.05; done
  ready=$(date +%s.%N)
  sleep 20
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$new/status")
  printf 'footprint: %s start_s=%.1f rss_mib=%s\n' "$service" "$(echo "$ready - $start" | bc)" "$rss"
  kill "$new"
  while kill -0 "$new" 2>/dev/null; do sleep 0.1; done
done
