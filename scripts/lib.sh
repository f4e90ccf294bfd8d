# Shared by run.sh and test.sh: local MariaDB and Redis on loopback, data under .local/, nothing global touched
# but the Debian packages it installs when they are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
# FUND_DB_PORT / FUND_REDIS_PORT let a second checkout run its own servers beside the first.
DB_PORT=${FUND_DB_PORT:-13306}
REDIS_PORT=${FUND_REDIS_PORT:-16379}
DB_SOCKET="$LOCAL/mariadb.sock"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$LOCAL"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Installs the Debian packages whose commands are missing. Extra "command:package" pairs may be passed.
ensure_packages() {
  # nginx: besides scripts/cluster.sh, the host tests run deploy/nginx's site in front of an instance (tests/…/Edge).
  local wanted=(mariadbd:mariadb-server redis-server:redis-server npm:npm pdftoppm:poppler-utils nginx:nginx "$@") missing=()
  for pair in "${wanted[@]}"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || [[ -x "/usr/sbin/${pair%%:*}" ]] || missing+=("${pair#*:}")
  done
  # The browser tests drive Debian's Chromium; Chinese pages need a CJK font to render in screenshots (and the
  # certificates embed it). pdftoppm renders a certificate so the tests can read its QR code.
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  command -v dotnet >/dev/null || { log "dotnet SDK 10 is required on PATH"; exit 1; }
}

# Prometheus and promtool (Debian's package, with its server not started by the package), for scripts/cluster.sh and
# scripts/check-prometheus.sh (which a whole scripts/test.sh run calls too).
ensure_prometheus() {
  command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 && return
  log "installing Debian package: prometheus"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends prometheus >/dev/null
}

# Over TCP, so a server another checkout started on the port is found and reused. Any answer from the server
# means it is up: "is alive", or a refusal of this made-up user (access denied, or 1130 before any TCP user exists).
db_ping() {
  local answer
  answer=$(mariadb-admin --protocol=tcp -h127.0.0.1 -P$DB_PORT -uping --connect-timeout=2 ping 2>&1) || true
  [[ $answer =~ "is alive"|"Access denied"|"is not allowed to connect" ]]
}

# Durable as deployed (docs/deployment.md, "Crashes and Redis persistence"): every commit's redo log is written and
# flushed before the commit returns (innodb_flush_log_at_trx_commit=1), and a binary log, where one is enabled, is
# synced with it (sync_binlog=1), so what a citizen was told is saved survives a crash or a power cut. Connections:
# each host instance holds two pools (FundDatabase: writes and reads) of up to Maximum Pool Size each, so MariaDB's
# default of 151 was too few for two instances at 60 (240): at ten times the fault run's load it answered "Too many
# connections" and a restarted instance could not get one. 500 leaves room for two instances, the tools and the CLI.
start_mariadb() {
  local data="$LOCAL/mariadb"
  if db_ping; then log "MariaDB already running on 127.0.0.1:$DB_PORT"; return; fi
  if [[ ! -d "$data/mysql" ]]; then
    log "initialising MariaDB in $data"
    mkdir -p "$data"
    mariadb-install-db --user="$(id -un)" --datadir="$data" --auth-root-authentication-method=socket \
      --skip-test-db >"$LOCAL/mariadb-install.log" 2>&1
  fi
  log "starting MariaDB on 127.0.0.1:$DB_PORT"
  nohup mariadbd --user="$(id -un)" --datadir="$data" --port=$DB_PORT --bind-address=127.0.0.1 \
    --socket="$DB_SOCKET" --pid-file="$LOCAL/mariadb.pid" --log-error="$LOCAL/mariadb.err" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --local-infile=1 \
    --innodb-buffer-pool-size=1G --innodb-flush-log-at-trx-commit=1 --sync-binlog=1 --max-connections=500 --skip-name-resolve \
    >/dev/null 2>&1 &
  for _ in $(seq 1 60); do db_ping && break; sleep 0.5; done
  db_ping || { log "MariaDB did not start; see $LOCAL/mariadb.err"; tail -20 "$LOCAL/mariadb.err" >&2; exit 1; }
  # The application connects over TCP as 'fund'; root stays on the socket.
  mariadb --socket="$DB_SOCKET" -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'fund'@'127.0.0.1' IDENTIFIED BY 'fund-dev';
CREATE USER IF NOT EXISTS 'fund'@'localhost' IDENTIFIED BY 'fund-dev';
GRANT ALL PRIVILEGES ON `wechatfund%`.* TO 'fund'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `wechatfund%`.* TO 'fund'@'localhost';
FLUSH PRIVILEGES;
SQL
}

redis_ping() { redis-cli -h 127.0.0.1 -p $REDIS_PORT ping 2>/dev/null | grep -q PONG; }

start_redis() {
  if redis_ping; then log "Redis already running on 127.0.0.1:$REDIS_PORT"; return; fi
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  mkdir -p "$LOCAL/redis"
  # Persistence as deployed (deploy/redis/wechatfund.conf): the append-only file, fsynced every second, so a crash
  # (SIGKILL, power cut) loses at most the last second or so of writes; the snapshot stays as a second copy. A data
  # directory from before the AOF holds only dump.rdb, and Redis 7.0 started with appendonly yes and no AOF would
  # start empty: then it starts from the snapshot and turns the AOF on at run time (which writes it from memory).
  local aof=yes
  [[ -f "$LOCAL/redis/dump.rdb" && ! -d "$LOCAL/redis/appendonlydir" ]] && aof=no
  redis-server --port $REDIS_PORT --bind 127.0.0.1 --dir "$LOCAL/redis" --daemonize yes \
    --pidfile "$LOCAL/redis.pid" --logfile "$LOCAL/redis.log" --save 60 1000 \
    --appendonly $aof --appendfsync everysec
  for _ in $(seq 1 40); do redis_ping && break; sleep 0.25; done
  redis_ping || { log "Redis did not start; see $LOCAL/redis.log"; exit 1; }
  if [[ $aof == no ]]; then redis-cli -h 127.0.0.1 -p $REDIS_PORT config set appendonly yes >/dev/null; fi
}

stop_servers() {
  [[ -f "$LOCAL/redis.pid" ]] && kill "$(cat "$LOCAL/redis.pid")" 2>/dev/null || true
  [[ -f "$LOCAL/mariadb.pid" ]] && kill "$(cat "$LOCAL/mariadb.pid")" 2>/dev/null || true
}

# Points the host and the tests at one database of the local server.
use_database() {
  export ASPNETCORE_ENVIRONMENT=Development
  export ConnectionStrings__Fund="Server=127.0.0.1;Port=$DB_PORT;User ID=fund;Password=fund-dev;Database=$1;Character Set=utf8mb4"
  export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
}

# WeUI and Chart.js from npm, into wwwroot/lib (git-ignored) where the pages load them. axe-core, a
# devDependency, stays in node_modules: the browser tests inject it into pages; the site never serves it.
install_assets() {
  local web="$ROOT/src/Wechat.Host" lib="$ROOT/src/Wechat.Host/wwwroot/lib"
  if [[ ! -f "$lib/.installed" || "$web/package-lock.json" -nt "$lib/.installed" ]]; then
    log "installing front-end packages (npm ci)"
    (cd "$web" && npm ci --no-audit --no-fund --silent)
    mkdir -p "$lib"
    rm -f "$lib/weui.min.css"
    cp "$web/node_modules/chart.js/dist/chart.umd.min.js" "$lib/chart.umd.min.js"
    [[ -f "$web/node_modules/axe-core/axe.min.js" ]] || { log "axe-core missing after npm ci"; exit 1; }
    touch "$lib/.installed"
  fi
  weui_subset
}

# WeUI's stylesheet cut to the rules whose selectors the site uses (issue 21: 188 KB, of which pages used ~15 %):
# PurgeCSS (a devDependency) keeps a rule when its class names occur in the pages, the C# that writes markup, the
# scripts or the static HTML. Made again whenever any of those is newer than the subset, before the build fingerprints
# it. WeuiSubsetTests fails if a WeUI class a page uses is missing from the served file.
weui_subset() {
  local web="$ROOT/src/Wechat.Host" out="$ROOT/src/Wechat.Host/wwwroot/lib/weui.min.css"
  if [[ -f $out ]] && [[ -z $(find "$web/Pages" "$web/wwwroot/js" "$web/wwwroot/app" "$web/wwwroot/sw.js" \
      "$web/node_modules/weui/dist/style/weui.min.css" -newer "$out" -print -quit) ]] \
      && [[ -z $(find "$web" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -newer "$out" -print -quit) ]]; then
    return
  fi
  log "cutting WeUI to the rules the pages use (PurgeCSS)"
  # '[A-Z]*/**/*.cs' and '*.cs': the source folders (capitalised), not bin/, obj/ or node_modules/.
  (cd "$web" && node_modules/.bin/purgecss --css node_modules/weui/dist/style/weui.min.css \
    --content 'Pages/**/*.cshtml' '[A-Z]*/**/*.cs' '*.cs' 'wwwroot/**/*.js' 'wwwroot/**/*.html' 'Simulator/Assets/*' \
    --keyframes --font-face --output wwwroot/lib/)
}

host() { (cd "$ROOT/src/Wechat.Host" && dotnet bin/Release/net10.0/Wechat.Host.dll "$@"); }

build() {
  log "building (Release)"
  dotnet build "$ROOT/WechatFund.sln" -c Release -nologo -v quiet -clp:ErrorsOnly "$@"
}
