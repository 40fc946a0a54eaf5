#!/usr/bin/env bash
# Start (or ensure running) the Slipway Kubernetes sandbox. See README.md.
#   SANDBOX_DIR=/abs/path SANDBOX_PORT=16443 sandbox/up.sh
#   sandbox/up.sh --build-only   # just build/locate the binary, print its path
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T0=$(date +%s.%N)
export GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:--mod=readonly}"
GO="$(find_go)"
HASH="$(source_hash)"
BIN_DIR="$CACHE_ROOT/$HASH"
BIN="$BIN_DIR/slipway-sandbox"

build() {
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/.build.lock"
  if ! flock -n 9; then log "another build is running; waiting for it"; flock 9; fi
  # The lock is let go as build returns: the components started later must not inherit it
  # (they would hold it for as long as they run, and every other checkout's up.sh would wait).
  if [ -x "$BIN" ]; then exec 9>&-; return 0; fi   # built meanwhile by someone else
  local tmp; tmp="$(mktemp -d "$CACHE_ROOT/.build-$HASH.XXXXXX")"
  log "building slipway-sandbox ($K8S_VERSION) -> $BIN"
  log "first build compiles the whole control plane; ~15 min on 2 cores with a cold Go build cache, plus module downloads"
  log "resolving packages..."
  local total; total="$(cd "$SANDBOX_SRC" && "$GO" list -deps . | wc -l)"
  log "compiling up to $total packages (go build -v; cached ones are skipped)"
  local start; start=$(date +%s)
  if ! ( cd "$SANDBOX_SRC" && "$GO" build -v -trimpath -ldflags "$LDFLAGS" -o "$tmp/slipway-sandbox" . ) 2>&1 \
    | awk -v total="$total" -v start="$start" '
        /^(#|go: |[^ ]+\.go:|\t)/ || /cannot|error|undefined/ { print; fflush(); next }
        { n++; printf("[sandbox build %4d/%d %4ds] %s\n", n, total, systime()-start, $0); fflush() }'
  then rm -rf "$tmp"; die "go build failed"; fi
  [ -x "$tmp/slipway-sandbox" ] || { rm -rf "$tmp"; die "go build produced no binary"; }
  # Gateway API CRDs (standard channel) straight from the pinned module.
  local gw; gw="$(cd "$SANDBOX_SRC" && "$GO" list -m -f '{{.Dir}}' sigs.k8s.io/gateway-api)"
  [ -d "$gw/config/crd/standard" ] || { rm -rf "$tmp"; die "gateway-api module dir not found ($gw)"; }
  mkdir -p "$tmp/gateway-api-crds"
  cp "$gw"/config/crd/standard/*.yaml "$tmp/gateway-api-crds/"
  chmod -R u+w "$tmp/gateway-api-crds"
  "$tmp/slipway-sandbox" version > "$tmp/VERSIONS"
  chmod 755 "$tmp"
  rm -rf "$BIN_DIR"; mv "$tmp" "$BIN_DIR"
  log "build done in $(( $(date +%s) - start ))s"
  exec 9>&-
}

# The build lock is let go before anything is started: the control plane would otherwise
# inherit its descriptor and hold the lock for as long as it runs, so every other checkout's
# first start would wait for this sandbox to stop.
if [ ! -x "$BIN" ]; then build; exec 9>&-; else log "using cached binary $BIN"; fi
if [ "${1:-}" = "--build-only" ]; then echo "$BIN"; exit 0; fi

print_info() {
  local dt; dt=$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
  cat >&2 <<INFO
[sandbox] ready in ${dt}s
  apiserver:          $APISERVER_URL
  data dir:           $SANDBOX_DIR  (logs in $LOGS)
  admin kubeconfig:   $ADMIN_KUBECONFIG   (system:masters)
  slipway kubeconfig: $SLIPWAY_KUBECONFIG (ServiceAccount slipway-system/slipway)
  kubectl:            $BIN kubectl --kubeconfig=$ADMIN_KUBECONFIG get nodes
                      (or: $SANDBOX_SRC/ctl.sh kubectl get nodes)
INFO
}

# A data dir whose control plane runs on another port is not set up again under it: certificates
# and kubeconfigs for another port would cut off everyone using it.
if [ -f "$RUN/port" ] && [ "$(cat "$RUN/port")" != "$SANDBOX_PORT" ]; then
  for c in "${COMPONENTS[@]}"; do
    is_running "$c" && die "the sandbox in $SANDBOX_DIR runs on port $(cat "$RUN/port"), not $SANDBOX_PORT: use that port, or stop it first (SANDBOX_DIR=$SANDBOX_DIR $SANDBOX_SRC/down.sh)"
  done
fi

# Fast path: everything already up.
all_running=1
for c in "${COMPONENTS[@]}"; do is_running "$c" || all_running=0; done
if [ "$all_running" = 1 ] && [ -f "$SLIPWAY_KUBECONFIG" ] && apiserver_ready; then
  log "sandbox already running"
  echo "$SANDBOX_PORT" > "$RUN/port"
  if [ "$(cat "$RUN/binary" 2>/dev/null)" != "$BIN" ]; then
    log "note: it runs an older build ($(cat "$RUN/binary" 2>/dev/null)); down.sh && up.sh to switch"
  fi
  print_info
  exit 0
fi

mkdir -p "$RUN" "$LOGS"
echo "$SANDBOX_PORT" > "$RUN/port"
echo "$BIN" > "$RUN/binary.tmp"
mv "$RUN/binary.tmp" "$RUN/binary"

log "certificates and kubeconfigs in $SANDBOX_DIR"
"$BIN" certs --dir="$SANDBOX_DIR" --server="$APISERVER_URL"

mkdir -p "$SANDBOX_DIR/kwok"
LOGS_FILE="$SANDBOX_DIR/kwok/container.log"
[ -f "$LOGS_FILE" ] || printf '%s stdout F simulated container (kwok): no real workload runs in the Slipway sandbox\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%S.000000000Z)" > "$LOGS_FILE"
"$BIN" kwok-stages --logs-file="$LOGS_FILE" > "$SANDBOX_DIR/kwok/kwok.yaml"

port_for() {
  case "$1" in etcd) echo "$ETCD_CLIENT_PORT $ETCD_PEER_PORT";; kube-apiserver) echo "$APISERVER_PORT";;
    kube-controller-manager) echo "$KCM_PORT";; kube-scheduler) echo "$SCHEDULER_PORT";; kwok) echo "$KWOK_PORT";; esac
}
for c in "${COMPONENTS[@]}"; do
  is_running "$c" && continue
  for p in $(port_for "$c"); do
    port_in_use "$p" && die "port $p (for $c) is already in use; pick another SANDBOX_PORT (uses $SANDBOX_PORT..$((SANDBOX_PORT+5)))"
  done
done

start_component etcd
start_component kube-apiserver
log "waiting for $APISERVER_URL/readyz"
wait_apiserver 180
log "apiserver ready"

node_manifest() {
  local i
  for i in $(seq 0 $((SANDBOX_NODES - 1))); do cat <<NODE
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    type: kwok
    kubernetes.io/hostname: kwok-node-$i
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    node-role.kubernetes.io/agent: ""
    topology.kubernetes.io/zone: sandbox-$((i % 3))
status:
  allocatable: {cpu: "32", memory: 128Gi, pods: "250"}
  capacity: {cpu: "32", memory: 128Gi, pods: "250"}
NODE
  done
}

# controller-manager and scheduler only need the bootstrap RBAC of the apiserver.
start_component kube-controller-manager
start_component kube-scheduler

GW_VERSION="$(awk '/gateway-api/{print $2}' "$BIN_DIR/VERSIONS")"
log "applying Gateway API CRDs $GW_VERSION (background)"
"$BIN" kubectl --kubeconfig="$ADMIN_KUBECONFIG" apply --server-side --force-conflicts --field-manager=slipway-sandbox \
  -f "$BIN_DIR/gateway-api-crds/" > "$LOGS/gateway-api-crds.log" 2>&1 &
CRD_PID=$!

log "applying RBAC (slipway ServiceAccount, kwok) and $SANDBOX_NODES kwok nodes"
node_manifest > "$SANDBOX_DIR/kwok/nodes.yaml"
"$BIN" kubectl --kubeconfig="$ADMIN_KUBECONFIG" apply --server-side --force-conflicts --field-manager=slipway-sandbox \
  -f "$SANDBOX_SRC/manifests/rbac.yaml" -f "$SANDBOX_DIR/kwok/nodes.yaml" >/dev/null

start_component kwok

log "waiting for the slipway ServiceAccount token"
TOKEN=""
for i in $(seq 1 240); do
  TOKEN="$(api_get /api/v1/namespaces/slipway-system/secrets/slipway-token 2>/dev/null \
    | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p' | head -1)"
  [ -n "$TOKEN" ] && break
  is_running kube-controller-manager || die "kube-controller-manager exited; see $LOGS/kube-controller-manager.log"
  sleep 0.25
done
[ -n "$TOKEN" ] || die "token for slipway-system/slipway not populated; see $LOGS/kube-controller-manager.log"
TOKEN="$(printf '%s' "$TOKEN" | base64 -d)"
umask 077
cat > "$SLIPWAY_KUBECONFIG.tmp" <<KC
apiVersion: v1
kind: Config
clusters:
- name: slipway-sandbox
  cluster:
    server: $APISERVER_URL
    certificate-authority-data: $(base64 -w0 < "$PKI/ca.crt")
users:
- name: slipway
  user:
    token: $TOKEN
contexts:
- name: slipway-sandbox
  context:
    cluster: slipway-sandbox
    user: slipway
    namespace: default
current-context: slipway-sandbox
KC
mv "$SLIPWAY_KUBECONFIG.tmp" "$SLIPWAY_KUBECONFIG"
umask 022

log "waiting for $SANDBOX_NODES nodes to be Ready and CRDs to be Established"
"$BIN" kubectl --kubeconfig="$ADMIN_KUBECONFIG" wait --for=condition=Ready node -l type=kwok --timeout=120s >/dev/null \
  || die "nodes not Ready; see $LOGS/kwok.log"
wait "$CRD_PID" || die "applying Gateway API CRDs failed; see $LOGS/gateway-api-crds.log"
crds=()
for f in "$BIN_DIR"/gateway-api-crds/*.yaml; do
  grep -q '^kind: CustomResourceDefinition' "$f" || continue
  b="$(basename "$f" .yaml)"; crds+=("crd/${b#*_}.${b%%_*}")
done
"$BIN" kubectl --kubeconfig="$ADMIN_KUBECONFIG" wait --for=condition=Established "${crds[@]}" --timeout=60s >/dev/null \
  || die "Gateway API CRDs not Established"
print_info
