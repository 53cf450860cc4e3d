#!/usr/bin/env bash
# Checks infra/prometheus with promtool (Debian's `prometheus` package; .ci/run installs it):
# the configuration, the alert rules, the rules' unit tests, and that each target set names the
# gateway and the four services. Prints promtool's own SUCCESS lines; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

promtool check config prometheus.yml
promtool check rules rules/*.yml
promtool test rules tests/*.yml

# Each target set (./chorus up, docker compose) must discover the same services, among them the
# gateway, the console and the four services.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for targets in targets targets-compose; do
  mkdir -p "$work/$targets"
  cp prometheus.yml "$work/$targets/"
  cp -r rules "$work/$targets/rules"
  cp -r "$targets" "$work/$targets/targets"
  if ! promtool check service-discovery --timeout=5s "$work/$targets/prometheus.yml" chorus \
      >"$work/$targets.json" 2>"$work/$targets.err"; then
    cat "$work/$targets.err" >&2
    exit 1
  fi
  grep -o '"service": "chorus-[a-z]*"' "$work/$targets.json" | sort -u >"$work/$targets.services"
  for part in gateway console commissions membership payments reporting; do
    if ! grep -q "\"chorus-$part\"" "$work/$targets.services"; then
      echo "promtool: $targets/ has no target for chorus-$part" >&2
      exit 1
    fi
  done
  echo "  SUCCESS: $targets/ names the gateway, the console and the four services ($(wc -l <"$work/$targets.services") in all)"
done
if ! diff -q "$work/targets.services" "$work/targets-compose.services" >/dev/null; then
  echo "promtool: targets/ and targets-compose/ name different services" >&2
  exit 1
fi

# Every Grafana panel's query must be PromQL that Prometheus parses: each becomes a recording rule
# (a JSON string is a YAML double-quoted string) with Grafana's variables replaced by values.
rules="$work/dashboards.rules.yml"
{
  echo "groups:"
  echo "  - name: grafana-panels"
  echo "    rules:"
  n=0
  while IFS= read -r expr; do
    n=$((n + 1))
    echo "      - record: chorus_dashboard:panel_$n"
    echo "        expr: $expr"
  done < <(grep -ho '"expr": ".*"' ../grafana/dashboards/*.json | sed -e 's/^"expr": //' \
             -e 's/\$__rate_interval/5m/g' -e 's/\$[a-z_]*/.*/g')
} >"$rules"
promtool check rules "$rules" | sed "s|$rules|infra/grafana/dashboards/*.json (panel queries)|"

# The Kubernetes variant: Debian builds promtool without Kubernetes discovery, so such a promtool
# cannot parse it. Say so rather than pass it silently.
if ! output="$(promtool check config prometheus-kubernetes.yml 2>&1)"; then
  if grep -q 'field kubernetes_sd_configs not found' <<<"$output"; then
    echo "  NOT CHECKED: prometheus-kubernetes.yml (this promtool was built without Kubernetes discovery)"
  else
    echo "$output" >&2
    exit 1
  fi
else
  echo "$output"
fi
