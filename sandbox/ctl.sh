#!/usr/bin/env bash
# Control individual sandbox components (same SANDBOX_DIR / SANDBOX_PORT as up.sh).
#   ctl.sh status
#   ctl.sh stop-apiserver | start-apiserver | restart-apiserver
#   ctl.sh kill-apiserver              (SIGKILL, simulates a crash)
#   ctl.sh stop <component> | start <component> | restart <component>
#   ctl.sh logs <component>            (tail -f)
#   ctl.sh kubectl [args...]           (admin kubeconfig)
#   ctl.sh kubectl-as-slipway [args...] (slipway ServiceAccount kubeconfig)
#   ctl.sh env                         (prints export lines)
# components: etcd kube-apiserver kube-controller-manager kube-scheduler kwok
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

valid() { local c; for c in "${COMPONENTS[@]}"; do [ "$c" = "$1" ] && return 0; done; die "unknown component '$1' (one of: ${COMPONENTS[*]})"; }

start_one() {
  valid "$1"
  start_component "$1"
  if [ "$1" = kube-apiserver ]; then wait_apiserver 180; log "apiserver ready"; fi
}

cmd="${1:-status}"; shift || true
case "$cmd" in
  status)
    rc=0
    for c in "${COMPONENTS[@]}"; do
      if is_running "$c"; then printf '%-24s running (pid %s)\n' "$c" "$(pid_of "$c")"; else printf '%-24s stopped\n' "$c"; rc=3; fi
    done
    if apiserver_ready; then echo "apiserver /readyz: ok ($APISERVER_URL)"; else echo "apiserver /readyz: not ready ($APISERVER_URL)"; rc=3; fi
    exit $rc ;;
  stop-apiserver) stop_component kube-apiserver ;;
  kill-apiserver) stop_component kube-apiserver 0 ;;
  start-apiserver) start_one kube-apiserver ;;
  restart-apiserver) stop_component kube-apiserver; start_one kube-apiserver ;;
  stop) valid "${1:?component}"; stop_component "$1" ;;
  start) start_one "${1:?component}" ;;
  restart) valid "${1:?component}"; stop_component "$1"; start_one "$1" ;;
  logs) valid "${1:?component}"; exec tail -n 100 -f "$LOGS/$1.log" ;;
  kubectl) exec "$(sandbox_bin)" kubectl --kubeconfig="$ADMIN_KUBECONFIG" "$@" ;;
  kubectl-as-slipway) exec "$(sandbox_bin)" kubectl --kubeconfig="$SLIPWAY_KUBECONFIG" "$@" ;;
  env)
    echo "export SANDBOX_DIR='$SANDBOX_DIR' SANDBOX_PORT='$SANDBOX_PORT'"
    echo "export KUBECONFIG='$ADMIN_KUBECONFIG'"
    echo "export SLIPWAY_KUBECONFIG='$SLIPWAY_KUBECONFIG'"
    echo "export SANDBOX_BIN='$(sandbox_bin)'" ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
