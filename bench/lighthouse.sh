#!/usr/bin/env bash
# Lighthouse 12 (mobile, simulated slow 4G: 150 ms RTT, 1.6 Mbit/s down, 4x CPU slowdown — Lighthouse's defaults)
# on the main citizen pages of a running host, with Debian's Chromium headless. Per page: the median over --runs runs
# of each of performance score, FCP, LCP, TBT and the bytes transferred (KiB), and every run's figures.
#   bench/lighthouse.sh --url http://127.0.0.1:5711 [--runs 3] [--openid demo-openid-1] [--pages "/h5/tools/calculator ..."]
# Personal H5 pages need a bound OpenID: the script signs in once through the Development OAuth stand-in (the
# dev_openid cookie, so the host must run in Development) and hands Lighthouse the h5_sid session cookie.
# Lighthouse is installed with npm into bench/.lighthouse (git-ignored) the first time; its own Chrome download is
# not used (it does not work here): CHROME_PATH points at /usr/bin/chromium, run with --headless=new --no-sandbox.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
url=http://127.0.0.1:5711 runs=3 openid=demo-openid-1 keep=""
pages=(
  "/h5/tools/calculator"
  "/h5/tools/calculator?amount=600000&months=240&home=first&rate=2.6&method=annuity"
  "/h5/login"
  "/hall/login"
  "/h5/account"
  "/h5/statement"
  "/h5/withdrawals"
)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) url="$2"; shift 2 ;; --runs) runs="$2"; shift 2 ;; --openid) openid="$2"; shift 2 ;;
    --pages) read -r -a pages <<<"$2"; shift 2 ;; --keep) keep="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

lh_dir="$here/.lighthouse"
lh="$lh_dir/node_modules/.bin/lighthouse"
if [[ ! -x $lh ]] || ! "$lh" --version 2>/dev/null | grep -qx '12.2.3'; then
  echo "installing lighthouse@12.2.3 into $lh_dir" >&2
  mkdir -p "$lh_dir"
  npm install --prefix "$lh_dir" --no-audit --no-fund --silent lighthouse@12.2.3 >&2
fi
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[[ -z $keep ]] || mkdir -p "$keep"

# A session for the personal pages, the way a citizen gets one (Development OAuth stand-in).
jar="$work/jar"
curl -s -o /dev/null -L -c "$jar" -b "dev_openid=$openid" "$url/h5/account"
sid="$(awk '$6 == "h5_sid" { print $7 }' "$jar" | tail -1)"
[[ -n $sid ]] || { echo "no h5_sid session for $openid at $url (is the host in Development?)" >&2; exit 1; }
headers="{\"Cookie\":\"h5_sid=$sid\"}"

echo "lighthouse $("$lh" --version), $(chromium --version 2>/dev/null | head -1), mobile, simulated slow 4G, median of $runs"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-80s %5s %7s %7s %7s %9s\n' page score FCP_s LCP_s TBT_ms KiB
for path in "${pages[@]}"; do
  results=()
  for run in $(seq "$runs"); do
    out="$work/run.json"
    # Public pages get no cookie, as a first visitor would not have one.
    extra=()
    case "$path" in /h5/tools*|/hall/tools*|/h5/login*|/hall/login*) ;; *) extra=(--extra-headers "$headers") ;; esac
    "$lh" "$url$path" --quiet --only-categories=performance --form-factor=mobile --throttling-method=simulate \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" "${extra[@]}" \
      --output=json --output-path="$out" >/dev/null 2>"$work/lh.err" || { cat "$work/lh.err" >&2; exit 1; }
    [[ -z $keep ]] || cp "$out" "$keep/$(tr -c 'a-zA-Z0-9' _ <<<"$path")-$run.json"
    results+=("$(node -e '
      const r = require(process.argv[1]);
      const a = r.audits, n = k => a[k].numericValue;
      if (r.runtimeError) { console.error(r.runtimeError.message); process.exit(1); }
      console.log([Math.round(r.categories.performance.score * 100), (n("first-contentful-paint") / 1000).toFixed(2),
        (n("largest-contentful-paint") / 1000).toFixed(2), Math.round(n("total-blocking-time")),
        (n("total-byte-weight") / 1024).toFixed(1)].join(" "));' "$out")")
  done
  # Each figure's own median over the runs (a loaded machine stretches single runs' CPU tasks, which Lighthouse's
  # simulation multiplies by 4; the median of each measure is steadier than any one run).
  median_of_column() { printf '%s\n' "${results[@]}" | awk -v c="$1" '{ print $c }' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
  score="$(median_of_column 1)" fcp="$(median_of_column 2)" lcp="$(median_of_column 3)" tbt="$(median_of_column 4)" kib="$(median_of_column 5)"
  printf '%-80s %5s %7s %7s %7s %9s\n' "$path" "$score" "$fcp" "$lcp" "$tbt" "$kib"
  echo "    runs: $(printf '[%s] ' "${results[@]}")"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
