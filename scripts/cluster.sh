#!/usr/bin/env bash
# Several instances behind nginx on one machine, as the centre runs them: MariaDB and Redis as run.sh starts them,
# two host instances in Production on 127.0.0.1:5181 and :5182, and Debian's nginx on https://127.0.0.1:8443
# (self-signed certificate, the site from deploy/nginx/wechatfund.conf) in front. Secrets are generated once into the
# root-only .local/cluster/cluster.env; WeChat's APIs, its OAuth pages and the SMS gateway are a local stand-in
# (scripts/wechat-standin.py), never the internet. The demo set is laid down with `seed` (a Development verb) under
# the same keys, so the Production instances read it.
#
#   scripts/cluster.sh                 bring it all up (idempotent; a second run restarts the instances)
#   scripts/cluster.sh status          what runs where
#   scripts/cluster.sh kill N | stop N | start N     instance N (1 or 2): SIGKILL, graceful SIGTERM, start
#   scripts/cluster.sh redis-stop | redis-start | mariadb-stop | mariadb-start   for the fault test
#   scripts/cluster.sh redis-kill | mariadb-kill     a crash (SIGKILL) for the fault test; *-start brings them back
#   scripts/cluster.sh host VERB …     a CLI verb of the host (ca, staff, …) with the cluster's settings, in Production
#   scripts/cluster.sh down            stop instances, nginx, Prometheus and the stand-in (scripts/stop.sh also stops the servers)
# Ports: FUND_DB_PORT, FUND_REDIS_PORT as everywhere; FUND_CLUSTER_PORTS (default "5181 5182"), FUND_NGINX_PORT
# (default 8443), FUND_STANDIN_PORT (default 5189), FUND_PROMETHEUS_PORT (default 9090; Prometheus scraping every
# instance's /metrics with deploy/prometheus's rules).
# The ports a running cluster was brought up with are recorded (.local/cluster/ports) and every later verb uses
# them, whatever the caller's environment says: `redis-stop` run from a shell (or the fault tool) without the
# FUND_* variables would otherwise stop the Redis on the default port, which may be another checkout's.
PORTS_FILE="$(cd "$(dirname "$0")/.." && pwd)/.local/cluster/ports"
if [[ ${1:-up} != up && -f $PORTS_FILE ]]; then
  # shellcheck source=/dev/null
  source "$PORTS_FILE"
fi
source "$(dirname "$0")/lib.sh"

CLUSTER="$LOCAL/cluster"
read -r -a HOST_PORTS <<<"${FUND_CLUSTER_PORTS:-5181 5182}"
NGINX_PORT=${FUND_NGINX_PORT:-8443}
STANDIN_PORT=${FUND_STANDIN_PORT:-5189}
PROMETHEUS_PORT=${FUND_PROMETHEUS_PORT:-9090}
ENV_FILE="$CLUSTER/cluster.env"
# nginx connects to the instances from this address for the employer hall only (proxy_bind), and the instances
# believe X-Client-Cert from it alone: a request made straight to an instance from 127.0.0.1 cannot claim a certificate.
HALL_PROXY_ADDRESS=127.0.0.2
PUBLIC_URL="https://127.0.0.1:$NGINX_PORT"
mkdir -p "$CLUSTER"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Fresh random secrets, once; root-only like /etc/wechatfund/wechatfund.env in deploy/. Every citizen of this cluster
# (the fault run's forty applicants included) comes from the one loopback address, so the per-address SMS limit is
# lifted here; the per-phone and per-user limits stay as in production.
write_env() {
  if [[ -f $ENV_FILE ]]; then
    # An env file from before the stand-in spoke HTTPS (Production accepts only https:// for WeChat and SMS).
    sed -i "s#'http://127.0.0.1:$STANDIN_PORT#'https://127.0.0.1:$STANDIN_PORT#" "$ENV_FILE"
    # …and from before the employer hall sat behind nginx.
    grep -q '^UnitHall__CaPassphrase=' "$ENV_FILE" || echo "UnitHall__CaPassphrase='$(openssl rand -hex 24)'" >>"$ENV_FILE"
    grep -q '^UnitHall__TrustedProxy=' "$ENV_FILE" || echo "UnitHall__TrustedProxy='$HALL_PROXY_ADDRESS'" >>"$ENV_FILE"
    grep -q '^UnitHall__ProxySecret=' "$ENV_FILE" || echo "UnitHall__ProxySecret='$(openssl rand -hex 32)'" >>"$ENV_FILE"
    grep -q '^Sms__PerAddressPerHour=' "$ENV_FILE" || echo "Sms__PerAddressPerHour='100000'" >>"$ENV_FILE"
    grep -q '^Logging__Console__FormatterName=' "$ENV_FILE" || echo "Logging__Console__FormatterName='simple'" >>"$ENV_FILE"
    grep -q '^Logging__Console__FormatterOptions__TimestampFormat=' "$ENV_FILE" || echo "Logging__Console__FormatterOptions__TimestampFormat='HH:mm:ss.fff '" >>"$ENV_FILE"
    # …and from before X-Forwarded-For was believed only from the configured proxies (nginx: loopback and the hall's).
    grep -q '^ForwardedHeaders__KnownProxies=' "$ENV_FILE" || echo "ForwardedHeaders__KnownProxies='127.0.0.1,$HALL_PROXY_ADDRESS'" >>"$ENV_FILE"
    # …and from before the data keys had ids (values written without one still open with the same key).
    grep -q '^Fund__EncryptionKeyId=' "$ENV_FILE" || echo "Fund__EncryptionKeyId='k1'" >>"$ENV_FILE"
    grep -q '^Fund__BlindIndexKeyId=' "$ENV_FILE" || echo "Fund__BlindIndexKeyId='i1'" >>"$ENV_FILE"
    # A request waits at most 5 s for a MariaDB connection (MySqlConnector's default is 15 s): while MariaDB restarts
    # and the pool is empty, citizens get the 503 page quickly, and requests do not pile up behind each other.
    grep -q "^ConnectionStrings__Fund=.*Connection Timeout" "$ENV_FILE" || sed -i "s/^\(ConnectionStrings__Fund='.*\)'$/\1;Connection Timeout=5'/" "$ENV_FILE"
    return
  fi
  log "generating secrets into $ENV_FILE (mode 0600)"
  local aes
  # WeChat's EncodingAESKey: 43 characters of [A-Za-z0-9], the base64 of a 32-byte key without its "=".
  while aes=$(openssl rand -base64 32 | tr -d '=\n'); [[ $aes == *[+/]* ]]; do :; done
  (umask 077; cat >"$ENV_FILE" <<ENV
ConnectionStrings__Fund='Server=127.0.0.1;Port=$DB_PORT;User ID=fund;Password=fund-dev;Database=wechatfund_cluster;Character Set=utf8mb4;Maximum Pool Size=60;Connection Timeout=5'
ConnectionStrings__Redis='127.0.0.1:$REDIS_PORT,abortConnect=false,connectTimeout=2000,asyncTimeout=1000,syncTimeout=1000'
Redis__KeyPrefix='cluster:'
Fund__EncryptionKey='$(openssl rand -base64 32)'
Fund__BlindIndexKey='$(openssl rand -base64 32)'
Fund__EncryptionKeyId='k1'
Fund__BlindIndexKeyId='i1'
Wechat__AppId='wx$(openssl rand -hex 8)'
Wechat__AppSecret='$(openssl rand -hex 16)'
Wechat__Token='$(openssl rand -hex 16)'
Wechat__EncodingAESKey='$aes'
Wechat__PublicBaseUrl='$PUBLIC_URL'
Wechat__ApiBaseUrl='https://127.0.0.1:$STANDIN_PORT'
Wechat__OAuthBaseUrl='https://127.0.0.1:$STANDIN_PORT'
Wechat__Templates__WithdrawalApproved='standin-approved'
Wechat__Templates__WithdrawalRejected='standin-rejected'
Wechat__Templates__WithdrawalPaid='standin-paid'
Wechat__Templates__LoanProgress='standin-loan'
Sms__GatewayUrl='https://127.0.0.1:$STANDIN_PORT/sms'
Sms__ApiKey='$(openssl rand -hex 16)'
Sms__TemplateId='SMS_STANDIN'
Withdrawals__UploadPath='$CLUSTER/uploads'
Withdrawals__DocumentKeyId='c1'
Withdrawals__DocumentKeys__c1='$(openssl rand -base64 32)'
DataProtection__KeyEncryptionKey='$(openssl rand -base64 32)'
DataProtection__KeyEncryptionKeyId='c1'
Wechat__Templates__AccountSecurity='standin-account-security'
Wechat__Templates__ContributionReceived='standin-contribution'
Logging__LogLevel__Wechat.Handlers.Pipeline.DedupStep='Debug'
Logging__Console__FormatterName='simple'
Logging__Console__FormatterOptions__TimestampFormat='HH:mm:ss.fff '
UnitHall__CaPassphrase='$(openssl rand -hex 24)'
UnitHall__TrustedProxy='$HALL_PROXY_ADDRESS'
UnitHall__ProxySecret='$(openssl rand -hex 32)'
Sms__PerAddressPerHour='100000'
ForwardedHeaders__KnownProxies='127.0.0.1,$HALL_PROXY_ADDRESS'
ENV
  )
}

# The env file as `env` arguments: configuration keys may contain dots (log categories), which no shell variable can.
ENV_ARGS=()
load_env() {
  ENV_ARGS=()
  local line
  while IFS= read -r line; do
    [[ $line =~ ^([A-Za-z_][A-Za-z0-9_.]*)=\'?(.*[^\'])?\'?$ ]] && ENV_ARGS+=("${BASH_REMATCH[1]}=${BASH_REMATCH[2]}")
  done <"$ENV_FILE"
}

# The stand-in serves HTTPS with the cluster's self-signed certificate; the instances trust it beside the system's
# roots through OpenSSL's SSL_CERT_FILE (.NET on Linux honours it), so nothing global is touched.
TRUST_FILE="$CLUSTER/tls/trusted.pem"
write_trust() {
  cat /etc/ssl/certs/ca-certificates.crt "$CLUSTER/tls/cert.pem" >"$TRUST_FILE" 2>/dev/null || cp "$CLUSTER/tls/cert.pem" "$TRUST_FILE"
}

# Runs the built host with the cluster's settings in the given environment: host_with Production migrate.
host_with() {
  local environment=$1; shift
  load_env
  (cd "$ROOT/src/Wechat.Host" && env "${ENV_ARGS[@]}" SSL_CERT_FILE="$TRUST_FILE" ASPNETCORE_ENVIRONMENT="$environment" \
    dotnet bin/Release/net10.0/Wechat.Host.dll "$@")
}

write_certificate() {
  local tls="$CLUSTER/tls"
  [[ -f $tls/cert.pem ]] && return
  log "self-signed certificate for 127.0.0.1 in $tls"
  mkdir -p "$tls"
  (umask 077; openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null)
}

start_standin() {
  alive "$CLUSTER/standin.pid" && return
  port_free "$STANDIN_PORT" || { log "port $STANDIN_PORT (stand-in) is taken"; exit 1; }
  log "WeChat API / OAuth / SMS stand-in on https://127.0.0.1:$STANDIN_PORT"
  nohup python3 "$ROOT/scripts/wechat-standin.py" --port "$STANDIN_PORT" --record "$CLUSTER/standin.jsonl" \
    --tls-cert "$CLUSTER/tls/cert.pem" --tls-key "$CLUSTER/tls/key.pem" \
    >"$CLUSTER/standin.log" 2>&1 &
  echo $! >"$CLUSTER/standin.pid"
}

instance_port() { local n=$1; [[ $n =~ ^[0-9]+$ && $n -ge 1 && $n -le ${#HOST_PORTS[@]} ]] || { log "no instance $n"; exit 2; }; echo "${HOST_PORTS[$((n - 1))]}"; }

start_instance() {
  local port; port=$(instance_port "$1")
  alive "$CLUSTER/host-$port.pid" && return
  port_free "$port" || { log "port $port is taken"; exit 1; }
  load_env
  (
    cd "$ROOT/src/Wechat.Host"
    nohup env "${ENV_ARGS[@]}" SSL_CERT_FILE="$TRUST_FILE" ASPNETCORE_ENVIRONMENT=Production \
      dotnet bin/Release/net10.0/Wechat.Host.dll --urls "http://127.0.0.1:$port" >>"$CLUSTER/host-$port.log" 2>&1 &
    echo $! >"$CLUSTER/host-$port.pid"
  )
  log "instance $1 starting on 127.0.0.1:$port (log: $CLUSTER/host-$port.log)"
}

wait_ping() {
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$1/ping" >/dev/null 2>&1 && return; sleep 0.25; done
  log "instance on port $1 did not answer /ping; see $CLUSTER/host-$1.log"; tail -30 "$CLUSTER/host-$1.log" >&2; exit 1
}

signal_instance() {
  local port; port=$(instance_port "$2")
  local pid="$CLUSTER/host-$port.pid"
  alive "$pid" || return 0
  kill "-$1" "$(cat "$pid")"
  if [[ $1 == TERM ]]; then
    for _ in $(seq 1 200); do alive "$pid" || break; sleep 0.25; done
  fi
  rm -f "$pid"
}

write_nginx() {
  local conf="$CLUSTER/nginx"
  mkdir -p "$conf/logs" "$conf/temp" "$conf/cache"
  # deploy/'s site, with this machine's ports, certificate and instance addresses; IPv6 listeners and the
  # port-80 redirect are dropped (the system nginx may hold :80).
  {
    local upstream=""
    for p in "${HOST_PORTS[@]}"; do upstream+="    server 127.0.0.1:$p max_fails=2 fail_timeout=5s;\n"; done
    sed -e '/listen \[::\]/d' \
        -e "s#listen 443 ssl http2;#listen 127.0.0.1:$NGINX_PORT ssl http2;#" \
        -e "s#listen 8444 ssl http2;#listen 127.0.0.1:$((NGINX_PORT + 1)) ssl http2;#" \
        -e "s#/etc/ssl/wechatfund/fullchain.pem#$CLUSTER/tls/cert.pem#" \
        -e "s#/etc/ssl/wechatfund/privkey.pem#$CLUSTER/tls/key.pem#" \
        -e "s#/etc/ssl/wechatfund/employer-ca.pem#$CLUSTER/tls/employer-ca.pem#" \
        -e "s@^    # proxy_bind 10.0.0.5;@    proxy_bind $HALL_PROXY_ADDRESS;@" \
        -e "s@REPLACE-WITH-UnitHall__ProxySecret@$(sed -n "s/^UnitHall__ProxySecret='\(.*\)'$/\1/p" "$ENV_FILE")@" \
        -e "s#server_name fund.example.gov.cn;#server_name 127.0.0.1 localhost;#" \
        -e "s#/var/cache/nginx/wechatfund #$conf/cache #" \
        -e '/^    server 127.0.0.1:518[0-9]/d' \
        "$ROOT/deploy/nginx/wechatfund.conf" |
      awk -v up="$upstream" '/^upstream wechatfund_/ { print; printf "%s", up; next } { print }' |
      # The port-80 redirect server block: from "server {" to its "}" when it listens on 80.
      awk 'BEGIN{RS="";ORS="\n\n"} !/listen 80;/'
  } >"$conf/site.conf"
  chmod 600 "$conf/site.conf" # it holds UnitHall__ProxySecret
  cat >"$conf/nginx.conf" <<NGINX
user $(id -un) $(id -gn);
worker_processes 2;
pid $conf/nginx.pid;
error_log $conf/logs/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $conf/logs/access.log;
    client_body_temp_path $conf/temp/body;
    proxy_temp_path $conf/temp/proxy;
    fastcgi_temp_path $conf/temp/fastcgi;
    uwsgi_temp_path $conf/temp/uwsgi;
    scgi_temp_path $conf/temp/scgi;
    sendfile on;
    include $conf/site.conf;
}
NGINX
}

start_nginx() {
  local conf="$CLUSTER/nginx"
  write_nginx
  nginx -t -q -p "$conf" -c "$conf/nginx.conf" 2>&1 | grep -v "^$" >&2 || true
  nginx -t -q -p "$conf" -c "$conf/nginx.conf" >/dev/null 2>&1 || { log "nginx config invalid"; exit 1; }
  if alive "$conf/nginx.pid"; then
    nginx -p "$conf" -c "$conf/nginx.conf" -s reload
  else
    port_free "$NGINX_PORT" || { log "port $NGINX_PORT is taken"; exit 1; }
    nginx -p "$conf" -c "$conf/nginx.conf"
  fi
  log "nginx on $PUBLIC_URL"
}

# Prometheus scraping every instance straight (never through nginx), with deploy/prometheus's rules; its data under
# .local/cluster/prometheus. deploy/'s configuration with this cluster's instance ports and a faster scrape.
start_prometheus() {
  local dir="$CLUSTER/prometheus"
  mkdir -p "$dir/data"
  "$ROOT/scripts/check-prometheus.sh" >"$dir/check.log" 2>&1 || { cat "$dir/check.log" >&2; log "deploy/prometheus does not pass promtool"; exit 1; }
  cp "$ROOT/deploy/prometheus/alerts.yml" "$dir/alerts.yml"
  local targets=""
  for p in "${HOST_PORTS[@]}"; do targets+="          - 127.0.0.1:$p\n"; done
  sed -e 's/^  scrape_interval: 15s/  scrape_interval: 5s/' -e 's/^  scrape_timeout: 10s/  scrape_timeout: 4s/' \
      -e '/^          - 127.0.0.1:518[0-9]$/d' "$ROOT/deploy/prometheus/prometheus.yml" |
    awk -v t="$targets" '{ print } /^      - targets:$/ { printf "%s", t }' >"$dir/prometheus.yml"
  promtool check config "$dir/prometheus.yml" >/dev/null || { log "cluster prometheus.yml invalid"; exit 1; }
  if alive "$dir/prometheus.pid"; then
    kill -HUP "$(cat "$dir/prometheus.pid")"
  else
    port_free "$PROMETHEUS_PORT" || { log "port $PROMETHEUS_PORT (Prometheus) is taken"; exit 1; }
    nohup prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
      --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$dir/prometheus.log" 2>&1 &
    echo $! >"$dir/prometheus.pid"
  fi
  for _ in $(seq 1 40); do curl -fsS "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" >/dev/null 2>&1 && break; sleep 0.25; done
  curl -fsS "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" >/dev/null 2>&1 || { log "Prometheus did not start; see $dir/prometheus.log"; exit 1; }
  log "Prometheus on http://127.0.0.1:$PROMETHEUS_PORT scraping ${HOST_PORTS[*]}"
}

stop_prometheus() {
  local pid="$CLUSTER/prometheus/prometheus.pid"
  alive "$pid" || { rm -f "$pid"; return 0; }
  kill "$(cat "$pid")"
  for _ in $(seq 1 40); do alive "$pid" || break; sleep 0.25; done
  rm -f "$pid"
}

down() {
  for i in $(seq 1 ${#HOST_PORTS[@]}); do signal_instance TERM "$i"; done
  stop_prometheus
  alive "$CLUSTER/nginx/nginx.pid" && nginx -p "$CLUSTER/nginx" -c "$CLUSTER/nginx/nginx.conf" -s quit
  alive "$CLUSTER/standin.pid" && kill "$(cat "$CLUSTER/standin.pid")"
  rm -f "$CLUSTER/standin.pid"
  log "cluster stopped"
}

write_ports() {
  cat >"$PORTS_FILE" <<PORTS
export FUND_DB_PORT=$DB_PORT FUND_REDIS_PORT=$REDIS_PORT FUND_CLUSTER_PORTS="${HOST_PORTS[*]}" FUND_NGINX_PORT=$NGINX_PORT FUND_STANDIN_PORT=$STANDIN_PORT FUND_PROMETHEUS_PORT=$PROMETHEUS_PORT
PORTS
}

up() {
  ensure_packages nginx:nginx openssl:openssl python3:python3 curl:curl
  ensure_prometheus
  write_ports
  start_mariadb
  start_redis
  install_assets
  [[ ${FUND_CLUSTER_NO_BUILD:-} == 1 ]] || build
  write_env
  write_certificate
  write_trust
  start_standin
  # The demo set under the cluster's keys: seed is a Development verb, run with the Production secrets in place.
  log "laying the demo set down in wechatfund_cluster"
  host_with Development seed
  host_with Production migrate
  # The employer hall's CA in the cluster's database; nginx verifies operators' certificates against its root.
  host_with Production ca init
  host_with Production ca export-root --out "$CLUSTER/tls/employer-ca.pem"
  for i in $(seq 1 ${#HOST_PORTS[@]}); do signal_instance TERM "$i"; start_instance "$i"; done
  for p in "${HOST_PORTS[@]}"; do wait_ping "$p"; done
  start_nginx
  curl -fsS -k "$PUBLIC_URL/healthz" >/dev/null || { log "$PUBLIC_URL/healthz is not healthy"; exit 1; }
  start_prometheus
  cat >&2 <<MSG

  WechatFund runs as ${#HOST_PORTS[@]} instances (Production) behind nginx on $PUBLIC_URL (self-signed certificate)
    H5 pages:   $PUBLIC_URL/h5/account    (the stand-in's sign-in page lets you pick a demo citizen)
    counter:    $PUBLIC_URL/counter       (clerk1 / Counter@2026)
    health:     $PUBLIC_URL/healthz
    metrics:    http://127.0.0.1:$PROMETHEUS_PORT (Prometheus; each instance's /metrics answers loopback callers only, not nginx)
    pushes:     $PUBLIC_URL/wechat        (Token and EncodingAESKey in $ENV_FILE)
    employers:  https://127.0.0.1:$((NGINX_PORT + 1))/unit  (mutual TLS: scripts/unit-demo-cert.sh --cluster issues 周敏's certificate)
  Instances:    ${HOST_PORTS[*]} on 127.0.0.1, logs in $CLUSTER/host-*.log
  Stand-in:     https://127.0.0.1:$STANDIN_PORT (what it was sent: $CLUSTER/standin.jsonl)
  scripts/cluster.sh down stops the instances, nginx and Prometheus; scripts/stop.sh stops everything.

MSG
}

# SIGKILL to a server this checkout started (by its pid file), then wait until the process is gone.
crash_server() {
  local name=$1 pidfile=$2
  alive "$pidfile" || { log "no $name of this checkout runs (no live $pidfile)"; exit 1; }
  local pid; pid=$(cat "$pidfile")
  kill -KILL "$pid"
  for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.05; done
  log "$name ($pid) still there after SIGKILL"; exit 1
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  status)
    for i in $(seq 1 ${#HOST_PORTS[@]}); do
      p=${HOST_PORTS[$((i - 1))]}; alive "$CLUSTER/host-$p.pid" && echo "instance $i :$p running" || echo "instance $i :$p stopped"
    done
    alive "$CLUSTER/nginx/nginx.pid" && echo "nginx $PUBLIC_URL running" || echo "nginx stopped"
    alive "$CLUSTER/prometheus/prometheus.pid" && echo "prometheus http://127.0.0.1:$PROMETHEUS_PORT running" || echo "prometheus stopped"
    db_ping && echo "mariadb :$DB_PORT running" || echo "mariadb stopped"
    redis_ping && echo "redis :$REDIS_PORT running" || echo "redis stopped" ;;
  host) shift; host_with Production "$@" ;;
  kill) signal_instance KILL "${2:?instance number}" ;;
  stop) signal_instance TERM "${2:?instance number}" ;;
  start) start_instance "${2:?instance number}"; wait_ping "$(instance_port "$2")" ;;
  # Only the servers this checkout started (their pid files under .local/), never whatever answers on the port.
  redis-stop) alive "$LOCAL/redis.pid" || { log "no Redis of this checkout runs (no live $LOCAL/redis.pid)"; exit 1; }
    kill "$(cat "$LOCAL/redis.pid")"
    for _ in $(seq 1 40); do redis_ping || break; sleep 0.25; done ;;
  redis-start) start_redis ;;
  mariadb-stop) alive "$LOCAL/mariadb.pid" || { log "no MariaDB of this checkout runs (no live $LOCAL/mariadb.pid)"; exit 1; }
    kill "$(cat "$LOCAL/mariadb.pid")"
    for _ in $(seq 1 120); do db_ping || break; sleep 0.25; done ;;
  mariadb-start) start_mariadb ;;
  # A crash, as a power cut would do it: SIGKILL, no shutdown work (Redis writes no snapshot, MariaDB recovers from its
  # redo log on the next start). Returns once the process is gone.
  redis-kill) crash_server Redis "$LOCAL/redis.pid" ;;
  mariadb-kill) crash_server MariaDB "$LOCAL/mariadb.pid" ;;
  *) echo "usage: scripts/cluster.sh [up|down|status|host VERB…|kill N|stop N|start N|redis-stop|redis-start|redis-kill|mariadb-stop|mariadb-start|mariadb-kill]" >&2; exit 2 ;;
esac
