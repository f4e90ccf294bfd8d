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
    WeChat simulator:  http://127.0.0.1:5080/dev/simulator   (pick a citizen, tap 关注, use the menu)
    H5 pages:          http://127.0.0.1:5080/h5/account      (Development sign-in, no WeChat needed)
    tools:             http://127.0.0.1:5080/h5/tools
    SMS outbox:        http://127.0.0.1:5080/dev/sms
    health:            http://127.0.0.1:5080/healthz
  Demo logins (password Fund@2026, security answer 王):
    张伟 411500000001  active, ten years of statement     李娜 411500000002  loan being approved
    王强 411500000003  loan repaying                      刘洋 411500000004  account sealed, may withdraw
    陈建国 411500000005 retired                           赵敏 411500000006  not registered: try 注册
  Stop with Ctrl+C; MariaDB and Redis keep running (scripts/stop.sh stops them).

MSG
cd "$ROOT/src/Wechat.Host"
exec dotnet bin/Release/net10.0/Wechat.Host.dll --urls http://127.0.0.1:5080
