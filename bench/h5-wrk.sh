#!/usr/bin/env bash
# The statement page for bound sessions at 100,000 accounts against a static file of the same host, in one run,
# with wrk: 32 connections, every page checked to be 200 with the year's 30 June entry. Prints one line per measure
# and run, the ratio per run, the median ratio, and the host's resident memory (VmRSS / peak VmHWM).
#   bench/h5-wrk.sh --url http://127.0.0.1:5081 --runs 3 --duration 10 [--floor]
# --floor also loads, in each run, bench/Ceiling --mode statement on --floor-port (default 5091; statement-min on the
# next port, statement-copy — the page from a copy: session GETEX + one Redis GET — on the one after): the page's own I/O
# (session GETEX, bound account, years + entries) through Fund.Data's stores and a page of the real page's size,
# without Razor or middleware, so the share of the static file any statement page can reach is measured beside ours.
# --compare URL also loads the statement page of a second host on the same servers (another build, e.g. main's) in
# each run, with the same sessions, and prints its share of the static file beside ours.
# Needs: the bench database (bench/Fund.Bench), a Development host on it at --url (bench/README.md),
# `dotnet build -c Release` of bench/H5.Load, and /usr/bin/wrk.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
url=http://127.0.0.1:5081 runs=3 duration=10 connections=32 threads=2 sessions=200 floor=0 floor_port=5091 compare=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) url="$2"; shift 2 ;; --runs) runs="$2"; shift 2 ;; --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;; --sessions) sessions="$2"; shift 2 ;;
    --floor) floor=1; shift ;; --compare) compare="$2"; shift 2 ;; --floor-port) floor_port="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
host_port="${url##*:}"; host_port="${host_port%%/*}"
host_pid="$(ss -ltnpH "sport = :$host_port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
work="$(mktemp -d)"
floor_pid=""
trap 'rm -rf "$work"; [[ -z $floor_pid ]] || kill $floor_pid 2>/dev/null' EXIT
dotnet "$here/H5.Load/bin/Release/net10.0/H5.Load.dll" --url "$url" --sessions "$sessions" --write-sessions "$work/sessions.txt"
if [[ $floor == 1 ]]; then
  first="$(head -1 "$work/sessions.txt")"
  page_bytes="$(curl -s -H "Cookie: ${first#*$'\t'}" "$url${first%%$'\t'*}" | wc -c)"
  dotnet "$here/Ceiling/bin/Release/net10.0/Ceiling.dll" --port "$floor_port" --mode statement --page-bytes "$page_bytes" \
    >"$work/floor.log" 2>&1 &
  floor_pid=$!
  dotnet "$here/Ceiling/bin/Release/net10.0/Ceiling.dll" --port $((floor_port + 1)) --mode statement-min --page-bytes "$page_bytes" \
    >"$work/floor-min.log" 2>&1 &
  floor_pid="$floor_pid $!"
  dotnet "$here/Ceiling/bin/Release/net10.0/Ceiling.dll" --port $((floor_port + 2)) --mode statement-copy --page-bytes "$page_bytes" \
    >"$work/floor-copy.log" 2>&1 &
  floor_pid="$floor_pid $!"
  for p in "$floor_port" $((floor_port + 1)) $((floor_port + 2)); do
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$p/" && break; sleep 0.2; done
  done
  echo "statement page: $page_bytes bytes; floor on :$floor_port"
fi
for _ in $(seq "$sessions"); do printf '/css/site.css\t\n'; done >"$work/static.txt"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
ratios=() floors=() mins=() copies=() others=()
measure() { # name file expect [url]
  REQUESTS_FILE="$2" REQUEST_METHOD=GET EXPECT="$3" WRK_THREADS="$threads" \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$here/wrk-requests.lua" "${4:-$url}" | grep '^RESULT' | sed "s/^RESULT/$1/"
}
for run in $(seq "$runs"); do
  s="$(measure static "$work/static.txt" "")"
  p="$(measure statement "$work/sessions.txt" "2025-06-30")"
  echo "run $run: $s"; echo "run $run: $p"
  sr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$s")"; pr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$p")"
  ratio="$(awk -v a="$pr" -v b="$sr" 'BEGIN { printf "%.3f", a / b }')"
  ratios+=("$ratio")
  echo "run $run: the statement page = $ratio of the static file"
  if [[ -n $compare ]]; then
    o="$(measure statement-compare "$work/sessions.txt" "2025-06-30" "$compare")"
    echo "run $run: $o ($compare)"
    or="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$o")"
    others+=("$(awk -v a="$or" -v b="$sr" 'BEGIN { printf "%.3f", a / b }')")
    echo "run $run: the compared host's statement page = ${others[-1]} of the static file"
  fi
  if [[ $floor == 1 ]]; then
    f="$(measure statement-floor "$work/sessions.txt" "2025-06-30" "http://127.0.0.1:$floor_port")"
    echo "run $run: $f"
    fr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$f")"
    floors+=("$(awk -v a="$fr" -v b="$sr" 'BEGIN { printf "%.3f", a / b }')")
    echo "run $run: the statement floor = ${floors[-1]} of the static file"
    m="$(measure statement-min-floor "$work/sessions.txt" "2025-06-30" "http://127.0.0.1:$((floor_port + 1))")"
    echo "run $run: $m"
    mr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$m")"
    mins+=("$(awk -v a="$mr" -v b="$sr" 'BEGIN { printf "%.3f", a / b }')")
    echo "run $run: the minimal statement floor = ${mins[-1]} of the static file"
    k="$(measure statement-copy-floor "$work/sessions.txt" "2025-06-30" "http://127.0.0.1:$((floor_port + 2))")"
    echo "run $run: $k"
    kr="$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$k")"
    copies+=("$(awk -v a="$kr" -v b="$sr" 'BEGIN { printf "%.3f", a / b }')")
    echo "run $run: the copy floor (session GETEX + one Redis GET, no MariaDB) = ${copies[-1]} of the static file"
  fi
done
median_of() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
median="$(median_of "${ratios[@]}")"
echo "median ratio over $runs runs: $median of the static file"
[[ -z $compare ]] || echo "median ratio of the compared host ($compare): $(median_of "${others[@]}") of the static file"
if [[ $floor == 1 ]]; then
  fm="$(median_of "${floors[@]}")"
  mm="$(median_of "${mins[@]}")"
  km="$(median_of "${copies[@]}")"
  echo "median floor: $fm of the static file; the page = $(awk -v m="$median" -v f="$fm" 'BEGIN { printf "%.2f", m / f }') of the floor; minimal floor: $mm; copy floor: $km (the page = $(awk -v m="$median" -v f="$km" 'BEGIN { printf "%.2f", m / f }') of it)"
fi
if [[ -n "$host_pid" ]]; then grep -E 'VmRSS|VmHWM' "/proc/$host_pid/status" | tr -s ' \t' ' ' | tr '\n' ' '; echo "(host pid $host_pid)"; fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
