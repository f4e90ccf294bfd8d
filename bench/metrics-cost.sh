#!/usr/bin/env bash
# The cost of the meters: POST /wechat on two hosts of the same build, one with the meters on (Telemetry__Metrics=true,
# scraped every 5 s during its runs — three times Prometheus' default rate) and one with them off
# (Telemetry__Metrics=false: nothing listens), loaded in turn with the same wrk settings as bench/wechat-wrk.sh (64
# connections, unique signed safe-mode CLICKs, every reply checked). The order alternates every run so that a drift in
# the shared machine's load falls on both; prints each run, the on/off ratio per run, the medians and the load average.
# Beside throughput it reports each host's CPU time per push (utime + stime from /proc over the run / pushes answered):
# on a machine shared with other loads, throughput swings with the neighbours while the work per push hardly does.
#   bench/metrics-cost.sh --runs 5 --duration 10 --key HOTLINE [--on-port 5721 --off-port 5722]
# Needs: MariaDB and Redis on FUND_DB_PORT / FUND_REDIS_PORT with the seeded database (scripts/test.sh or run.sh set it
# up; DATABASE, default wechatfund_test), `dotnet build -c Release` of the host and bench/Wechat.Load, /usr/bin/wrk.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
runs=5 duration=10 key=HOTLINE connections=64 threads=2 on_port=5721 off_port=5722 count=200000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;; --duration) duration="$2"; shift 2 ;; --key) key="$2"; shift 2 ;;
    --on-port) on_port="$2"; shift 2 ;; --off-port) off_port="$2"; shift 2 ;; --requests) count="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
db="${DATABASE:-wechatfund_test}"
work="$(mktemp -d)"
pids=()
declare -A host_pid
start_host() { # port metrics
  (cd "$root/src/Wechat.Host" && ASPNETCORE_ENVIRONMENT=Development \
    ConnectionStrings__Fund="Server=127.0.0.1;Port=${FUND_DB_PORT:-13306};User ID=fund;Password=fund-dev;Database=$db;Character Set=utf8mb4" \
    ConnectionStrings__Redis="127.0.0.1:${FUND_REDIS_PORT:-16379}" Notifications__DeliveryEnabled=false \
    Logging__LogLevel__Default=Warning UnitHall__HttpsUrl= Telemetry__Metrics="$2" \
    exec dotnet bin/Release/net10.0/Wechat.Host.dll --urls "http://127.0.0.1:$1") >"$work/host-$1.log" 2>&1 &
  pids+=($!)
  host_pid[$1]=$!
}
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
start_host "$on_port" true
start_host "$off_port" false
for p in "$on_port" "$off_port"; do
  for _ in $(seq 240); do curl -fs -o /dev/null "http://127.0.0.1:$p/ping" && break; sleep 0.25; done
  curl -fs -o /dev/null "http://127.0.0.1:$p/ping" || { echo "host on $p did not start"; cat "$work/host-$p.log"; exit 1; }
done
curl -fs "http://127.0.0.1:$on_port/metrics" | grep -q '^wechatfund_' || { echo "metrics-on host serves no wechatfund_ metrics"; exit 1; }
[[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$off_port/metrics")" == 404 ]] || { echo "metrics-off host serves /metrics"; exit 1; }

measure() { # name port
  local scraper=""
  if [[ $2 == "$on_port" ]]; then
    (while :; do curl -fs -o /dev/null "http://127.0.0.1:$on_port/metrics"; sleep 5; done) &
    scraper=$!
  fi
  dotnet "$here/Wechat.Load/bin/Release/net10.0/Wechat.Load.dll" --url "http://127.0.0.1:$2" --write-requests "$work/requests.txt" \
    --requests "$count" --keys "$key" >/dev/null
  local cpu0 cpu1 result
  cpu0="$(cpu_ticks "${host_pid[$2]}")"
  result="$(REQUESTS_FILE="$work/requests.txt" EXPECT="<Encrypt>" PATH_OVERRIDE="" WRK_THREADS="$threads" \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$here/wrk-requests.lua" "http://127.0.0.1:$2" |
    grep '^RESULT' | sed "s/^RESULT/$1/")"
  cpu1="$(cpu_ticks "${host_pid[$2]}")"
  local requests; requests="$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")"
  echo "$result cpu_us_per_push=$(awk -v t=$((cpu1 - cpu0)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')"
  [[ -n $scraper ]] && kill "$scraper" 2>/dev/null
  return 0
}
rps() { sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$1"; }
cpu() { sed 's/.*cpu_us_per_push=\([0-9.]*\).*/\1/' <<<"$1"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
median_of() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# One warm-up each, not counted: the JIT and the pools.
measure warmup-on "$on_port" >/dev/null; measure warmup-off "$off_port" >/dev/null
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
ons=() offs=() ratios=() loads=() cpu_ons=() cpu_offs=() cpu_ratios=()
for run in $(seq "$runs"); do
  if ((run % 2)); then on="$(measure "metrics-on($key)" "$on_port")"; off="$(measure "metrics-off($key)" "$off_port")"
  else off="$(measure "metrics-off($key)" "$off_port")"; on="$(measure "metrics-on($key)" "$on_port")"; fi
  load="$(cut -d' ' -f1 /proc/loadavg)"; loads+=("$load")
  echo "run $run: $on"; echo "run $run: $off"
  ons+=("$(rps "$on")"); offs+=("$(rps "$off")")
  ratio="$(awk -v a="$(rps "$on")" -v b="$(rps "$off")" 'BEGIN { printf "%.3f", a / b }')"; ratios+=("$ratio")
  cpu_ons+=("$(cpu "$on")"); cpu_offs+=("$(cpu "$off")")
  cpu_ratio="$(awk -v a="$(cpu "$on")" -v b="$(cpu "$off")" 'BEGIN { printf "%.3f", a / b }')"; cpu_ratios+=("$cpu_ratio")
  echo "run $run: on/off throughput = $ratio, CPU per push = $cpu_ratio (load $load)"
done
echo "median msgs/s: on $(median_of "${ons[@]}"), off $(median_of "${offs[@]}"); median on/off ratio over $runs runs: $(median_of "${ratios[@]}"); load (1 min) $(median_of "${loads[@]}") median, $(printf '%s\n' "${loads[@]}" | sort -n | head -1)–$(printf '%s\n' "${loads[@]}" | sort -n | tail -1)"
echo "median CPU per push: on $(median_of "${cpu_ons[@]}") µs, off $(median_of "${cpu_offs[@]}") µs; median on/off CPU ratio: $(median_of "${cpu_ratios[@]}")"
echo "wechatfund_wechat_pushes_total on the metrics-on host: $(curl -fs "http://127.0.0.1:$on_port/metrics" | grep '^wechatfund_wechat_pushes_total' | awk '{ s += $2 } END { print s }')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
