#!/usr/bin/env bash
# POST /wechat against the bare-Kestrel fixed-XML ceiling (bench/Ceiling), in one run, with wrk: 64 connections,
# unique pre-generated signed safe-mode CLICKs, every reply checked to carry an <Encrypt>. Prints one line per
# measure and run, the ratio per run, the median ratio, and the host's resident memory (VmRSS / peak VmHWM).
#   bench/wechat-wrk.sh --url http://127.0.0.1:5080 --key HOTLINE --runs 3 --duration 10
# Needs: a running host at --url (Development credentials), `dotnet build -c Release` of bench/Ceiling and
# bench/Wechat.Load, and /usr/bin/wrk.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
url=http://127.0.0.1:5080 key=HOTLINE runs=3 duration=10 connections=64 threads=2 ceiling_port=5090 count=200000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) url="$2"; shift 2 ;; --key) key="$2"; shift 2 ;; --runs) runs="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;; --connections) connections="$2"; shift 2 ;;
    --ceiling-port) ceiling_port="$2"; shift 2 ;; --requests) count="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
host_port="${url##*:}"; host_port="${host_port%%/*}"
host_pid="$(ss -ltnpH "sport = :$host_port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
work="$(mktemp -d)"
dotnet "$here/Ceiling/bin/Release/net10.0/Ceiling.dll" --port "$ceiling_port" >"$work/ceiling.log" 2>&1 &
ceiling_pid=$!
trap 'kill "$ceiling_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null -X POST "http://127.0.0.1:$ceiling_port/" && break; sleep 0.2; done

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
ratios=()
for run in $(seq "$runs"); do
  # Fresh events each run: the URL signature's timestamp must be within 300 s, and CreateTimes must be new to dedup.
  dotnet "$here/Wechat.Load/bin/Release/net10.0/Wechat.Load.dll" --url "$url" --write-requests "$work/requests.txt" \
    --requests "$count" --keys "$key" >/dev/null
  measure() { # name url path-override
    REQUESTS_FILE="$work/requests.txt" EXPECT="<Encrypt>" PATH_OVERRIDE="$3" WRK_THREADS="$threads" \
      wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$here/wrk-requests.lua" "$2" | grep '^RESULT' | sed "s/^RESULT/$1/"
  }
  c="$(measure ceiling "http://127.0.0.1:$ceiling_port" /)"
  w="$(measure "wechat($key)" "$url" "")"
  echo "run $run: $c"; echo "run $run: $w"
  cr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$c")"; wr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$w")"
  ratio="$(awk -v a="$wr" -v b="$cr" 'BEGIN { printf "%.3f", a / b }')"
  ratios+=("$ratio")
  echo "run $run: /wechat = $ratio of the ceiling (Senparc in the issue: 0.162 = 4,528 / 27,928)"
done
median="$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
echo "median ratio over $runs runs: $median of the ceiling = $(awk -v m="$median" 'BEGIN { printf "%.1f", m / 0.162 }')x Senparc's ratio"
if [[ -n "$host_pid" ]]; then grep -E 'VmRSS|VmHWM' "/proc/$host_pid/status" | tr -s ' \t' ' ' | tr '\n' ' '; echo "(host pid $host_pid)"; fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
