#!/usr/bin/env bash
# Stops the MariaDB and Redis that run.sh or test.sh started.
source "$(dirname "$0")/lib.sh"
stop_servers
log "stopped"
