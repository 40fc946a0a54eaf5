#!/usr/bin/env bash
# Sandbox benchmark: cold build, warm start-to-ready, 100 Deployments Available.
#   bench/sandbox/run.sh [--skip-cold] [--deployments N]
# Uses its own SANDBOX_DIR (fresh temp dir) and BENCH_PORT (default 18443), so a
# dev sandbox on another port is not disturbed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SB="$ROOT/sandbox"
SKIP_COLD=0; N=100
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-cold) SKIP_COLD=1 ;;
    --deployments) N="$2"; shift ;;
    *) echo "usage: $0 [--skip-cold] [--deployments N]" >&2; exit 2 ;;
  esac
  shift
done

now() { date +%s.%N; }
dur() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", b-a}'; }

results=()

if [ "$SKIP_COLD" = 0 ]; then
  # Empty build cache (GOCACHE) and empty binary cache; the Go module cache
  # (downloaded sources) is reused, so this measures compilation, not download.
  tmpc="$(mktemp -d /tmp/slipway-cold-build.XXXXXX)"
  echo "== cold build (GOCACHE + XDG_CACHE_HOME in $tmpc, module cache reused)"
  t0=$(now)
  XDG_CACHE_HOME="$tmpc/xdg" GOCACHE="$tmpc/gocache" "$SB/up.sh" --build-only > "$tmpc/build.out" 2> >(grep -v '^\[sandbox build ' >&2)
  t1=$(now)
  results+=("cold build: $(dur "$t0" "$t1") s")
  rm -rf "$tmpc"
else
  results+=("cold build: skipped (--skip-cold)")
fi

export SANDBOX_DIR; SANDBOX_DIR="$(mktemp -d /tmp/slipway-bench-sandbox.XXXXXX)"
export SANDBOX_PORT="${BENCH_PORT:-18443}"
cleanup() { "$SB/down.sh" --purge >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "== warm start (binary cached; fresh SANDBOX_DIR=$SANDBOX_DIR, port $SANDBOX_PORT)"
"$SB/up.sh" --build-only >/dev/null   # make sure the binary exists (not timed)
"$SB/down.sh" >/dev/null 2>&1
t0=$(now)
"$SB/up.sh" 2>/dev/null
t1=$(now)
results+=("warm start to 3 nodes Ready: $(dur "$t0" "$t1") s")

BIN="$("$SB/up.sh" --build-only 2>/dev/null)"
k() { "$BIN" kubectl --kubeconfig="$SANDBOX_DIR/admin.kubeconfig" "$@"; }

echo "== $N Deployments"
k create namespace bench >/dev/null
# The namespace's default ServiceAccount must exist before pods can be created.
for _ in $(seq 1 100); do k -n bench get serviceaccount default >/dev/null 2>&1 && break; sleep 0.1; done
manifest="$SANDBOX_DIR/bench-deployments.yaml"
for i in $(seq 1 "$N"); do cat <<YAML
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: bench-$i, namespace: bench}
spec:
  replicas: 1
  selector: {matchLabels: {app: bench-$i}}
  template:
    metadata: {labels: {app: bench-$i}}
    spec:
      containers: [{name: app, image: "registry.example/bench:1"}]
YAML
done > "$manifest"
t0=$(now)
k apply -f "$manifest" >/dev/null
t1=$(now)
k -n bench wait --for=condition=Available deployment --all --timeout=600s >/dev/null
t2=$(now)
avail=$(k -n bench get deployments -o jsonpath='{range .items[*]}{.status.availableReplicas}{"\n"}{end}' | grep -c '^1$' || true)
results+=("$N Deployments created: $(dur "$t0" "$t1") s; all Available: $(dur "$t0" "$t2") s ($avail/$N available)")

echo
echo "== results ($(nproc) cores; $("$BIN" version | awk '{printf "%s%s %s", (NR>1?", ":""), $1, $2}'))"
for r in "${results[@]}"; do echo "$r"; done
