#!/usr/bin/env bash
# What one push (or one statement page) costs, counted rather than timed, so the figure holds on a loaded machine:
# the host's CPU time, Redis commands and MariaDB statements per request, from /proc and the servers' own counters
# around a wrk run of fixed length (16 connections). Run it against a host whose Redis and MariaDB serve nothing else
# meanwhile (your own FUND_DB_PORT / FUND_REDIS_PORT).
#   bench/push-cost.sh --url http://127.0.0.1:5080 --key MY_ACCOUNT [--duration 5]        # POST /wechat
#   bench/push-cost.sh --url http://127.0.0.1:5081 --statement [--duration 5]             # /h5/statement?year=2025
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
url=http://127.0.0.1:5080 key=MY_ACCOUNT duration=5 statement=0 connections=16
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) url="$2"; shift 2 ;; --key) key="$2"; shift 2 ;; --duration) duration="$2"; shift 2 ;;
    --statement) statement=1; shift ;; --connections) connections="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
db_port=${FUND_DB_PORT:-13306} redis_port=${FUND_REDIS_PORT:-16379}
host_port="${url##*:}"; host_port="${host_port%%/*}"
host_pid="$(ss -ltnpH "sport = :$host_port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
if [[ $statement == 1 ]]; then
  dotnet "$here/H5.Load/bin/Release/net10.0/H5.Load.dll" --url "$url" --sessions 200 --write-sessions "$work/req.txt" >/dev/null
  method=GET expect=2025-06-30
else
  dotnet "$here/Wechat.Load/bin/Release/net10.0/Wechat.Load.dll" --url "$url" --write-requests "$work/req.txt" \
    --requests 100000 --keys "$key" >/dev/null
  method=POST expect="<Encrypt>"
fi
redis_calls() { redis-cli -p "$redis_port" INFO commandstats | awk -F'[=,:]' '/^cmdstat_/ { s += $3 } END { print s }'; }
db_questions() { mariadb-admin --protocol=tcp -h127.0.0.1 -P"$db_port" -ufund -pfund-dev extended-status 2>/dev/null \
  | awk -F'|' '$2 ~ /^ Questions / { gsub(/ /, "", $3); print $3 }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$host_pid/stat"; }
# warm-up (JIT, pools, copies), then the measured run
REQUESTS_FILE="$work/req.txt" REQUEST_METHOD=$method EXPECT="$expect" WRK_THREADS=2 \
  wrk -t2 -c"$connections" -d2s -s "$here/wrk-requests.lua" "$url" >/dev/null
r0=$(redis_calls) q0=$(db_questions) t0=$(cpu_ticks)
result="$(REQUESTS_FILE="$work/req.txt" REQUEST_METHOD=$method EXPECT="$expect" WRK_THREADS=2 \
  wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$here/wrk-requests.lua" "$url" | grep '^RESULT')"
r1=$(redis_calls) q1=$(db_questions) t1=$(cpu_ticks)
n="$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")"
hz=$(getconf CLK_TCK)
echo "$result"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)" awk -v n="$n" -v r=$((r1 - r0)) -v q=$((q1 - q0)) -v t=$((t1 - t0)) -v hz="$hz" 'BEGIN {
  printf "per request: host CPU %.3f ms, Redis commands %.2f, MariaDB statements %.2f (n=%d; load %s)\n", t * 1000 / hz / n, r / n, q / n, n, ENVIRON["LOAD"] }'
