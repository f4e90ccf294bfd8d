#!/usr/bin/env bash
# The same set-up as run.sh, then every test against the real MariaDB and Redis; ends with "N passed, N failed".
# Arguments go to `dotnet test`, except `--faults`: bring the cluster up (scripts/cluster.sh) and run the fault test
# (bench/Fault: instances killed, Redis and MariaDB restarted under load) instead; its own arguments follow.
source "$(dirname "$0")/lib.sh"
if [[ ${1:-} == --faults ]]; then
  shift
  "$ROOT/scripts/cluster.sh" up
  log "running the fault test against the cluster"
  set +e
  (cd "$ROOT" && dotnet bench/Fault/bin/Release/net10.0/Fault.dll "$@")
  status=$?
  ((status == 0)) && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
  exit $status
fi
ensure_packages
started_here=()
db_ping || started_here+=(mariadb)
redis_ping || started_here+=(redis)
start_mariadb
start_redis
# Leave running what was running before; stop what this run started.
trap '((${#started_here[@]})) && stop_servers' EXIT

use_database wechatfund_test
install_assets
build
host seed

results="$LOCAL/test-results"
rm -rf "$results"
log "running tests"
set +e
dotnet test "$ROOT/WechatFund.sln" -c Release --no-build --nologo --results-directory "$results" \
  --logger trx --logger "console;verbosity=minimal" "$@"
status=$?
set -e

passed=0 failed=0
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)) failed=$((failed + f))
done
((passed + failed > 0)) || { echo "0 passed, 1 failed"; exit 1; }
# A crashed test host can leave no failed count: trust the exit status too.
((status != 0 && failed == 0)) && failed=1
# A whole run (no filter given) also checks deploy/prometheus with promtool: the scrape configuration, the alert rules
# and their unit tests (alerts-test.yml), and the dashboard's metrics (installs Debian's prometheus when missing).
if (($# == 0)); then
  log "checking deploy/prometheus (scripts/check-prometheus.sh)"
  set +e
  counts=$("$ROOT/scripts/check-prometheus.sh" | tail -1)
  set -e
  if [[ $counts =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2]))
  else
    log "scripts/check-prometheus.sh gave no counts: $counts"; failed=$((failed + 1))
  fi
fi
echo "$passed passed, $failed failed"
((failed == 0))
