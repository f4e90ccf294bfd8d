#!/usr/bin/env bash
# Checks deploy/prometheus: the scrape configuration (promtool check config), the alert rules (promtool check rules)
# and what each alert does on made-up series (promtool test rules alerts-test.yml). Also run by scripts/cluster.sh
# before it starts Prometheus. Ends with "N passed, N failed".
source "$(dirname "$0")/lib.sh"
ensure_prometheus
dir="$ROOT/deploy/prometheus"
passed=0 failed=0
step() {
  if "$@" >&2; then passed=$((passed + 1)); else failed=$((failed + 1)); log "FAILED: $*"; fi
}
step promtool check config "$dir/prometheus.yml"
step promtool check rules "$dir/alerts.yml"
step bash -c 'cd "$1" && promtool test rules alerts-test.yml' _ "$dir"
# The dashboard is JSON that Grafana imports, and every metric it plots is one the host exports (or Prometheus' own up).
step python3 - "$ROOT/deploy/grafana/wechatfund.json" "$ROOT/docs/operations.md" <<'PY'
import json, re, sys
board = json.load(open(sys.argv[1], encoding="utf-8"))
documented = set(re.findall(r"`((?:wechatfund|http_server|dotnet|process)_[a-z0-9_]+)`", open(sys.argv[2], encoding="utf-8").read()))
used = set()
for panel in board["panels"]:
    for target in panel.get("targets", []):
        used |= set(re.findall(r"\b((?:wechatfund|http_server|dotnet)_[a-z0-9_]+?)(?:_bucket|_count|_sum)?\b", target["expr"]))
missing = sorted(m for m in used if m not in documented and m + "_total" not in documented)
if missing:
    sys.exit("dashboard plots metrics not documented in docs/operations.md: " + ", ".join(missing))
print(f"dashboard: {len(board['panels'])} panels, {len(used)} metrics, all documented")
PY
echo "$passed passed, $failed failed"
((failed == 0))
