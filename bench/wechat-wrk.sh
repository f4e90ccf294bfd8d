#!/usr/bin/env bash
# POST /wechat against the bare-Kestrel fixed-XML ceiling (bench/Ceiling), in one run, with wrk: 64 connections,
# unique pre-generated signed safe-mode CLICKs, every reply checked to carry an <Encrypt>. Prints one line per
# measure and run, the ratio per run, the median ratio, and the host's resident memory (VmRSS / peak VmHWM).
#   bench/wechat-wrk.sh --url http://127.0.0.1:5080 --key HOTLINE --runs 3 --duration 10 [--floors]
# --floors also loads, in each run, bench/Ceiling's two floors (--mode crypto: only the protocol's signature checks,
# decryption, parsing and encryption; --mode dedup: that plus the dedup guarantee's two Redis commands) on the next
# two ports (and, since issue 21, --mode dedup1 on the third: crypto plus ONE awaited Redis round trip, the reply
# stored fire-and-forget, as DedupStep now does), so the share of the ceiling that any /wechat keeping the guarantees can reach is measured beside ours.
# Needs: a running host at --url (Development credentials), `dotnet build -c Release` of bench/Ceiling and
# bench/Wechat.Load, and /usr/bin/wrk.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
url=http://127.0.0.1:5080 key=HOTLINE runs=3 duration=10 connections=64 threads=2 ceiling_port=5090 count=200000 floors=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) url="$2"; shift 2 ;; --key) key="$2"; shift 2 ;; --runs) runs="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;; --connections) connections="$2"; shift 2 ;;
    --ceiling-port) ceiling_port="$2"; shift 2 ;; --requests) count="$2"; shift 2 ;; --floors) floors=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
host_port="${url##*:}"; host_port="${host_port%%/*}"
host_pid="$(ss -ltnpH "sport = :$host_port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
work="$(mktemp -d)"
dotnet "$here/Ceiling/bin/Release/net10.0/Ceiling.dll" --port "$ceiling_port" >"$work/ceiling.log" 2>&1 &
ceiling_pid=$!
floor_pids=()
if [[ $floors == 1 ]]; then
  dotnet "$here/Ceiling/bin/Release/net10.0/Ceiling.dll" --port $((ceiling_port + 1)) --mode crypto >"$work/crypto.log" 2>&1 &
  floor_pids+=($!)
  dotnet "$here/Ceiling/bin/Release/net10.0/Ceiling.dll" --port $((ceiling_port + 2)) --mode dedup \
    --redis "127.0.0.1:${FUND_REDIS_PORT:-16379}" >"$work/dedup.log" 2>&1 &
  floor_pids+=($!)
  dotnet "$here/Ceiling/bin/Release/net10.0/Ceiling.dll" --port $((ceiling_port + 3)) --mode dedup1 \
    --redis "127.0.0.1:${FUND_REDIS_PORT:-16379}" >"$work/dedup1.log" 2>&1 &
  floor_pids+=($!)
fi
trap 'kill "$ceiling_pid" "${floor_pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
for p in "$ceiling_port" $([[ $floors == 1 ]] && echo $((ceiling_port + 1)) $((ceiling_port + 2)) $((ceiling_port + 3))); do
  for _ in $(seq 50); do curl -s -o /dev/null -X POST "http://127.0.0.1:$p/" && break; sleep 0.2; done
done

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
ratios=() floor_crypto=() floor_dedup=() floor_dedup1=()
for run in $(seq "$runs"); do
  # Fresh events each run: the URL signature's timestamp must be within 300 s, and CreateTimes must be new to dedup.
  dotnet "$here/Wechat.Load/bin/Release/net10.0/Wechat.Load.dll" --url "$url" --write-requests "$work/requests.txt" \
    --requests "$count" --keys "$key" >/dev/null
  measure() { # name url path-override
    REQUESTS_FILE="$work/requests.txt" EXPECT="<Encrypt>" PATH_OVERRIDE="$3" WRK_THREADS="$threads" \
      wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$here/wrk-requests.lua" "$2" | grep '^RESULT' | sed "s/^RESULT/$1/"
  }
  c="$(measure ceiling "http://127.0.0.1:$ceiling_port" /)"
  if [[ $floors == 1 ]]; then
    for f in crypto:1 dedup:2 dedup1:3; do
      r="$(measure "floor-${f%%:*}" "http://127.0.0.1:$((ceiling_port + ${f##*:}))" "")"
      echo "run $run: $r"
      fr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$r")"
      cr0="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$c")"
      echo "run $run: floor-${f%%:*} = $(awk -v a="$fr" -v b="$cr0" 'BEGIN { printf "%.3f", a / b }') of the ceiling"
      eval "floor_${f%%:*}+=(\"\$(awk -v a=\"\$fr\" -v b=\"\$cr0\" 'BEGIN { printf \"%.3f\", a / b }')\")"
    done
  fi
  w="$(measure "wechat($key)" "$url" "")"
  echo "run $run: $c"; echo "run $run: $w"
  cr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$c")"; wr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$w")"
  ratio="$(awk -v a="$wr" -v b="$cr" 'BEGIN { printf "%.3f", a / b }')"
  ratios+=("$ratio")
  echo "run $run: /wechat = $ratio of the ceiling (Senparc in the issue: 0.162 = 4,528 / 27,928)"
done
median_of() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
median="$(median_of "${ratios[@]}")"
if [[ $floors == 1 ]]; then
  echo "median floors: crypto $(median_of "${floor_crypto[@]}"), dedup $(median_of "${floor_dedup[@]}"), dedup1 $(median_of "${floor_dedup1[@]}") of the ceiling; /wechat = $(awk -v m="$median" -v d="$(median_of "${floor_dedup[@]}")" 'BEGIN { printf "%.2f", m / d }') of the dedup floor, $(awk -v m="$median" -v d="$(median_of "${floor_dedup1[@]}")" 'BEGIN { printf "%.2f", m / d }') of the dedup1 floor"
fi
echo "median ratio over $runs runs: $median of the ceiling = $(awk -v m="$median" 'BEGIN { printf "%.1f", m / 0.162 }')x Senparc's ratio"
if [[ -n "$host_pid" ]]; then grep -E 'VmRSS|VmHWM' "/proc/$host_pid/status" | tr -s ' \t' ' ' | tr '\n' ' '; echo "(host pid $host_pid)"; fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
