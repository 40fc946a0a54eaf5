#!/usr/bin/env bash
# Stop every process of the sandbox in SANDBOX_DIR. Data (etcd, PKI) is kept;
# pass --purge to delete SANDBOX_DIR as well.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
  stop_component "${COMPONENTS[$i]}"
done

# Safety net: anything else still running from this data dir (e.g. lost pid files).
left="$(sandbox_pids)"
if [ -n "$left" ]; then
  log "stopping leftover sandbox processes: $(echo $left)"
  kill -TERM $left 2>/dev/null || true
  for _ in $(seq 1 50); do [ -z "$(sandbox_pids)" ] && break; sleep 0.2; done
  left="$(sandbox_pids)"
  [ -n "$left" ] && { kill -KILL $left 2>/dev/null || true; sleep 0.2; }
fi
rm -f "$RUN"/*.pid
if [ "${1:-}" = "--purge" ]; then
  rm -rf "$SANDBOX_DIR"
  log "sandbox stopped and $SANDBOX_DIR removed"
else
  log "sandbox stopped (data kept in $SANDBOX_DIR; --purge to delete)"
fi
