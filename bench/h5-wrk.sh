#!/usr/bin/env bash
# The statement page for bound sessions at 100,000 accounts against a static file of the same host, in one run,
# with wrk: 32 connections, every page checked to be 200 with the year's 30 June entry. Prints one line per measure
# and run, the ratio per run, the median ratio, and the host's resident memory (VmRSS / peak VmHWM).
#   bench/h5-wrk.sh --url http://127.0.0.1:5081 --runs 3 --duration 10
# Needs: the bench database (bench/Fund.Bench), a Development host on it at --url (bench/README.md),
# `dotnet build -c Release` of bench/H5.Load, and /usr/bin/wrk.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
url=http://127.0.0.1:5081 runs=3 duration=10 connections=32 threads=2 sessions=200
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) url="$2"; shift 2 ;; --runs) runs="$2"; shift 2 ;; --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;; --sessions) sessions="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
host_port="${url##*:}"; host_port="${host_port%%/*}"
host_pid="$(ss -ltnpH "sport = :$host_port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet "$here/H5.Load/bin/Release/net10.0/H5.Load.dll" --url "$url" --sessions "$sessions" --write-sessions "$work/sessions.txt"
for _ in $(seq "$sessions"); do printf '/css/site.css\t\n'; done >"$work/static.txt"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
ratios=()
measure() { # name file expect
  REQUESTS_FILE="$2" REQUEST_METHOD=GET EXPECT="$3" WRK_THREADS="$threads" \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$here/wrk-requests.lua" "$url" | grep '^RESULT' | sed "s/^RESULT/$1/"
}
for run in $(seq "$runs"); do
  s="$(measure static "$work/static.txt" "")"
  p="$(measure statement "$work/sessions.txt" "2025-06-30")"
  echo "run $run: $s"; echo "run $run: $p"
  sr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$s")"; pr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$p")"
  ratio="$(awk -v a="$pr" -v b="$sr" 'BEGIN { printf "%.3f", a / b }')"
  ratios+=("$ratio")
  echo "run $run: the statement page = $ratio of the static file"
done
median="$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
echo "median ratio over $runs runs: $median of the static file"
if [[ -n "$host_pid" ]]; then grep -E 'VmRSS|VmHWM' "/proc/$host_pid/status" | tr -s ' \t' ' ' | tr '\n' ' '; echo "(host pid $host_pid)"; fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
