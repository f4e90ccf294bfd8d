#!/usr/bin/env bash
# Stops the MariaDB and Redis that run.sh or test.sh started, and the cluster (instances, nginx, Prometheus, stand-in) if any.
source "$(dirname "$0")/lib.sh"
[[ -d "$LOCAL/cluster" ]] && "$ROOT/scripts/cluster.sh" down
stop_servers
log "stopped"
