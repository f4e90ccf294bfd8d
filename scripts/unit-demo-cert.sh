#!/usr/bin/env bash
# Development: the centre's CA (created if missing) issues a client certificate to the demo operator 周敏 of
# 411501000001 信阳市示范科技有限公司. Writes .local/unit-demo/operator.p12 (one-time password printed and saved beside
# it), operator.pem/operator.key (for curl) and ca.crt (the root, to trust the hall's HTTPS port).
#
#   scripts/unit-demo-cert.sh [DATABASE]     the Development host's database (default wechatfund)
#   scripts/unit-demo-cert.sh --cluster      the cluster's (scripts/cluster.sh, whose `up` made the CA); writes to
#                                            .local/cluster/unit-demo/, for https://127.0.0.1:FUND_NGINX_PORT+1/unit
source "$(dirname "$0")/lib.sh"
if [[ ${1:-} == --cluster ]]; then
  out="$LOCAL/cluster/unit-demo"
  host() { "$ROOT/scripts/cluster.sh" host "$@"; }
else
  use_database "${1:-wechatfund}"
  out="$LOCAL/unit-demo"
  host ca init
fi
mkdir -p "$out"
issued=$(host ca issue --dwzh 411501000001 --id-number 41150219850601202X --out "$out/operator.p12")
echo "$issued"
password=$(sed -n 's/.*one-time password: //p' <<<"$issued")
printf '%s\n' "$password" >"$out/operator.password"
chmod 600 "$out/operator.password"
host ca export-root --out "$out/ca.crt"
if command -v openssl >/dev/null; then
  openssl pkcs12 -in "$out/operator.p12" -passin "pass:$password" -nokeys -out "$out/operator.pem" 2>/dev/null
  openssl pkcs12 -in "$out/operator.p12" -passin "pass:$password" -nocerts -nodes -out "$out/operator.key" 2>/dev/null
  chmod 600 "$out/operator.key"
fi
log "demo certificate in $out (import operator.p12 into the browser with the password in operator.password;"
log "trust ca.crt for https://127.0.0.1:5443/unit)"
