# shellcheck shell=bash
# Shared helpers for up.sh / down.sh / ctl.sh. Source only.
set -euo pipefail

SANDBOX_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SANDBOX_SRC/.." && pwd)"

SANDBOX_DIR="${SANDBOX_DIR:-$REPO_ROOT/.data/sandbox}"
mkdir -p "$SANDBOX_DIR"
SANDBOX_DIR="$(cd "$SANDBOX_DIR" && pwd -P)"
SANDBOX_PORT="${SANDBOX_PORT:-16443}"
case "$SANDBOX_PORT" in ''|*[!0-9]*) echo "SANDBOX_PORT must be a number" >&2; exit 2;; esac

# Ports: the apiserver gets SANDBOX_PORT, the others the next five ports.
APISERVER_PORT=$SANDBOX_PORT
ETCD_CLIENT_PORT=$((SANDBOX_PORT + 1))
ETCD_PEER_PORT=$((SANDBOX_PORT + 2))
KCM_PORT=$((SANDBOX_PORT + 3))
SCHEDULER_PORT=$((SANDBOX_PORT + 4))
KWOK_PORT=$((SANDBOX_PORT + 5))
APISERVER_URL="https://127.0.0.1:$APISERVER_PORT"

SANDBOX_NODES="${SANDBOX_NODES:-3}"
# kwok gives pods IPs from here; the gateway tests make it a local route in their netns.
SANDBOX_POD_CIDR="${SANDBOX_POD_CIDR:-10.244.0.0/16}"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/slipway/sandbox"

PKI="$SANDBOX_DIR/pki"
RUN="$SANDBOX_DIR/run"
LOGS="$SANDBOX_DIR/logs"
ADMIN_KUBECONFIG="$SANDBOX_DIR/admin.kubeconfig"
SLIPWAY_KUBECONFIG="$SANDBOX_DIR/slipway.kubeconfig"

# Start order; stop order is the reverse.
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

# Versions are pinned by sandbox/go.mod; these only feed the version ldflags.
K8S_VERSION=v1.37.1
LDFLAGS="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=37 -X k8s.io/component-base/version.gitTreeState=clean -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=37 -X k8s.io/client-go/pkg/version.gitTreeState=clean"

log() { printf '[sandbox %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

find_go() {
  if command -v go >/dev/null 2>&1; then command -v go
  elif [ -x /usr/local/go/bin/go ]; then echo /usr/local/go/bin/go
  else die "go toolchain not found (need Go >= 1.26 in PATH or /usr/local/go/bin)"; fi
}

# Content hash of the Go sources (+ go version and link flags) -> cache key.
source_hash() {
  local gov
  gov="$(GOTOOLCHAIN=local "$(find_go)" env GOVERSION)"
  ( cd "$SANDBOX_SRC" && { sha256sum go.mod go.sum $(LC_ALL=C ls -1 ./*.go); echo "$gov"; echo "$LDFLAGS"; } ) \
    | sha256sum | cut -c1-16
}

# Binary of the currently running sandbox (recorded by up.sh), else the cache.
sandbox_bin() {
  if [ -f "$RUN/binary" ] && [ -x "$(cat "$RUN/binary")" ]; then cat "$RUN/binary"; return; fi
  local b; b="$CACHE_ROOT/$(source_hash)/slipway-sandbox"
  [ -x "$b" ] || die "binary not built yet: run sandbox/up.sh"
  echo "$b"
}

# Process exists and is not a zombie.
alive() { [ -d "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

pid_of() { [ -f "$RUN/$1.pid" ] && cat "$RUN/$1.pid" || true; }

# "argv0 args..." of a pid if argv0 is a slipway-sandbox binary and the args
# mention this data dir; empty otherwise.
sandbox_cmdline() {
  local cmd
  cmd="$( { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null)" || return 1
  case "${cmd%% *}" in */slipway-sandbox|slipway-sandbox) ;; *) return 1;; esac
  case "$cmd" in *"$SANDBOX_DIR/"*) echo "$cmd";; *) return 1;; esac
}

# True if the pid file of component $1 points at a live process of THIS sandbox.
is_running() {
  local pid; pid="$(pid_of "$1")"
  [ -n "$pid" ] && alive "$pid" && sandbox_cmdline "$pid" >/dev/null
}

# Every live slipway-sandbox process of this data dir.
sandbox_pids() {
  local p
  for p in /proc/[0-9]*; do
    sandbox_cmdline "${p#/proc/}" >/dev/null && echo "${p#/proc/}"
  done
  return 0
}

port_in_use() { ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }

component_args() {
  case "$1" in
    etcd) echo etcd \
      --data-dir="$SANDBOX_DIR/etcd" \
      --listen-client-url="https://127.0.0.1:$ETCD_CLIENT_PORT" \
      --listen-peer-url="http://127.0.0.1:$ETCD_PEER_PORT" \
      --cert-file="$PKI/etcd-server.crt" --key-file="$PKI/etcd-server.key" \
      --trusted-ca-file="$PKI/etcd-ca.crt" \
      --quota-backend-bytes=$((2 * 1024 * 1024 * 1024)) \
      --unsafe-no-fsync="${SANDBOX_ETCD_UNSAFE_NO_FSYNC:-false}" ;;
    kube-apiserver) echo kube-apiserver \
      --bind-address=127.0.0.1 --secure-port="$APISERVER_PORT" --advertise-address=127.0.0.1 \
      --etcd-servers="https://127.0.0.1:$ETCD_CLIENT_PORT" \
      --etcd-cafile="$PKI/etcd-ca.crt" --etcd-certfile="$PKI/apiserver-etcd-client.crt" --etcd-keyfile="$PKI/apiserver-etcd-client.key" \
      --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
      --client-ca-file="$PKI/ca.crt" \
      --requestheader-client-ca-file="$PKI/front-proxy-ca.crt" --requestheader-allowed-names=front-proxy-client \
      --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
      --requestheader-extra-headers-prefix=X-Remote-Extra- \
      --proxy-client-cert-file="$PKI/front-proxy-client.crt" --proxy-client-key-file="$PKI/front-proxy-client.key" \
      --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
      --kubelet-preferred-address-types=InternalIP \
      --authorization-mode=Node,RBAC \
      --anonymous-auth=false \
      --enable-admission-plugins=NodeRestriction \
      --service-account-issuer=https://kubernetes.default.svc.cluster.local \
      --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
      --service-cluster-ip-range=10.96.0.0/16 \
      --allow-privileged=true \
      --profiling=false \
      --endpoint-reconciler-type=none \
      --event-ttl=1h ;;
    kube-controller-manager) echo kube-controller-manager \
      --kubeconfig="$SANDBOX_DIR/controller-manager.kubeconfig" \
      --authentication-kubeconfig="$SANDBOX_DIR/controller-manager.kubeconfig" \
      --authorization-kubeconfig="$SANDBOX_DIR/controller-manager.kubeconfig" \
      --bind-address=127.0.0.1 --secure-port="$KCM_PORT" \
      --leader-elect=false \
      --use-service-account-credentials=true \
      --service-account-private-key-file="$PKI/sa.key" \
      --root-ca-file="$PKI/ca.crt" \
      --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
      --cluster-name=slipway-sandbox \
      --kube-api-qps=100 --kube-api-burst=200 \
      --profiling=false ;;
    kube-scheduler) echo kube-scheduler \
      --kubeconfig="$SANDBOX_DIR/scheduler.kubeconfig" \
      --authentication-kubeconfig="$SANDBOX_DIR/scheduler.kubeconfig" \
      --authorization-kubeconfig="$SANDBOX_DIR/scheduler.kubeconfig" \
      --bind-address=127.0.0.1 --secure-port="$SCHEDULER_PORT" \
      --leader-elect=false \
      --kube-api-qps=100 --kube-api-burst=200 \
      --profiling=false ;;
    kwok) echo kwok \
      --kubeconfig="$SANDBOX_DIR/kwok.kubeconfig" \
      --config="$SANDBOX_DIR/kwok/kwok.yaml" \
      --manage-all-nodes=false \
      --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
      --node-lease-duration-seconds=40 \
      --cidr="$SANDBOX_POD_CIDR" \
      --node-ip=127.0.0.1 --node-port="$KWOK_PORT" \
      --server-address="127.0.0.1:$KWOK_PORT" \
      --tls-cert-file="$PKI/kwok-serving.crt" --tls-private-key-file="$PKI/kwok-serving.key" ;;
    *) die "unknown component $1" ;;
  esac
}

start_component() {
  local c="$1" bin; bin="$(sandbox_bin)"
  if is_running "$c"; then log "$c already running (pid $(pid_of "$c"))"; return 0; fi
  mkdir -p "$RUN" "$LOGS"
  # shellcheck disable=SC2046
  setsid "$bin" $(component_args "$c") >>"$LOGS/$c.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$c.pid"
  log "started $c (pid $!, log $LOGS/$c.log)"
}

# stop_component <name> [grace-seconds] - SIGTERM, then SIGKILL after the grace
# period. kube-apiserver stops listening at once on SIGTERM but may take up to
# its request timeout to drain long-lived connections, so it gets 5s.
stop_component() {
  local c="$1" pid i grace="${2:-}"
  [ -n "$grace" ] || { [ "$c" = kube-apiserver ] && grace=5 || grace=15; }
  pid="$(pid_of "$c")"
  if ! is_running "$c"; then rm -f "$RUN/$c.pid"; return 0; fi
  if [ "$grace" = 0 ]; then
    kill -KILL "$pid" 2>/dev/null || true
  else
    kill -TERM "$pid" 2>/dev/null || true
  fi
  for i in $(seq 1 $((grace * 10 + 20))); do
    alive "$pid" || break
    [ "$i" = $((grace * 10)) ] && kill -KILL "$pid" 2>/dev/null
    sleep 0.1
  done
  rm -f "$RUN/$c.pid"
  log "stopped $c"
}

# HTTPS GET against the apiserver with the admin client cert.
api_get() {
  curl -sS --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "$APISERVER_URL$1"
}

apiserver_ready() { [ "$(api_get /readyz 2>/dev/null)" = "ok" ]; }

wait_apiserver() {
  local timeout="${1:-120}" i
  for i in $(seq 1 $((timeout * 4))); do
    apiserver_ready && return 0
    is_running kube-apiserver || die "kube-apiserver exited; see $LOGS/kube-apiserver.log"
    sleep 0.25
  done
  die "kube-apiserver not ready after ${timeout}s; see $LOGS/kube-apiserver.log"
}

kubectl_admin() { "$(sandbox_bin)" kubectl --kubeconfig="$ADMIN_KUBECONFIG" "$@"; }
