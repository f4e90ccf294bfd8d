#!/usr/bin/env bash
# 汇缴日, the month-end peak, as one command (issue 21): starts this checkout's MariaDB and Redis (FUND_DB_PORT /
# FUND_REDIS_PORT, like every script), builds the host and the tools (Release), makes sure the 100,000-account bench
# database is there (bench/Fund.Bench, only what is missing), then runs bench/MonthEnd --runs times. Each run loads a
# fresh set of 1,000 employers × 300 employees (bound to WeChat), starts a Development host on --host-port pointed at
# the tool's own WeChat stand-in on --standin-port, and measures the peak; see bench/README.md, "MonthEnd". Prints
# each run's figures and verdicts, then the medians. Exits non-zero when any run's verdict fails.
#   FUND_DB_PORT=23309 FUND_REDIS_PORT=26382 bench/month-end.sh --runs 3 [--host-port 5731] [--standin-port 5738]
#   … any other option is passed to MonthEnd (e.g. --employers 100 --per-employer 300 for a quick try)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs=1 extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --skip-build) skip_build=1; shift ;;
    *) extra+=("$1"); shift ;;
  esac
done
export MSBUILDDISABLENODEREUSE=1
# shellcheck source=../scripts/lib.sh
source "$root/scripts/lib.sh"
start_mariadb
start_redis
install_assets
if [[ -z "${skip_build:-}" ]]; then
  for p in src/Wechat.Host bench/Fund.Bench bench/MonthEnd; do
    dotnet build "$root/$p" -c Release -nologo -v quiet -clp:ErrorsOnly
  done
fi
mariadb --socket="$DB_SOCKET" -uroot -e "CREATE DATABASE IF NOT EXISTS wechatfund_bench" 2>/dev/null \
  || mariadb -h127.0.0.1 -P"$DB_PORT" -ufund -pfund-dev -e "CREATE DATABASE IF NOT EXISTS wechatfund_bench"
log "bench database: 100,000 accounts with ten years of history (adds only what is missing)"
(cd "$root" && dotnet bench/Fund.Bench/bin/Release/net10.0/Fund.Bench.dll --accounts 100000 --queries 100 --concurrency 2)
results=()
status=0
for r in $(seq 1 "$runs"); do
  log "month-end run $r of $runs (load $(cut -d' ' -f1-3 /proc/loadavg))"
  out="$(mktemp)"
  (cd "$root" && dotnet bench/MonthEnd/bin/Release/net10.0/MonthEnd.dll "${extra[@]}") | tee "$out" || status=1
  results+=("$(grep '^RESULT ' "$out" || true)")
  rm -f "$out"
done
if [[ $runs -gt 1 ]]; then
  echo
  echo "medians of $runs runs:"
  printf '%s\n' "${results[@]}" | python3 -c '
import sys, statistics
rows = [dict(kv.split("=", 1) for kv in line.split()[1:]) for line in sys.stdin if line.startswith("RESULT")]
for key in rows[0]:
    vals = [r[key] for r in rows]
    joined = ", ".join(vals)
    try:
        nums = [float(v.rstrip("kB")) for v in vals]
        print(f"  {key:16} median {statistics.median(nums):g}   runs: {joined}")
    except ValueError:
        print(f"  {key:16} runs: {joined}")
'
fi
exit $status
