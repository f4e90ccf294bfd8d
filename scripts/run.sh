#!/usr/bin/env bash
# Brings up MariaDB and Redis on loopback, migrates, seeds the demo set and runs the host on http://127.0.0.1:5080.
source "$(dirname "$0")/lib.sh"
ensure_packages
start_mariadb
start_redis
use_database wechatfund
install_assets
build
host seed
cat >&2 <<MSG

  WechatFund is starting on http://127.0.0.1:5080
    health:            http://127.0.0.1:5080/healthz
  Demo citizens (password Fund@2026) are listed in README.md.
  Stop with Ctrl+C; MariaDB and Redis keep running (scripts/stop.sh stops them).

MSG
cd "$ROOT/src/Wechat.Host"
exec dotnet bin/Release/net10.0/Wechat.Host.dll --urls http://127.0.0.1:5080
