#!/usr/bin/env bash
# End-to-end check of a running sandbox (run sandbox/up.sh first).
# Creates and deletes namespace "smoke". Exit 0 = all good.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BIN="$(sandbox_bin)"
k() { "$BIN" kubectl --kubeconfig="$ADMIN_KUBECONFIG" "$@"; }
ks() { "$BIN" kubectl --kubeconfig="$SLIPWAY_KUBECONFIG" "$@"; }
ok() { printf '  ok   %s\n' "$*"; }
fail() { printf '  FAIL %s\n' "$*"; exit 1; }
step() { printf '== %s\n' "$*"; }

step "nodes"
ready=$(k get nodes -l type=kwok -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True || true)
[ "$ready" -ge 3 ] && ok "$ready Ready kwok nodes" || fail "only $ready Ready nodes"

k delete namespace smoke --ignore-not-found --wait=true >/dev/null
step "deployment via the slipway ServiceAccount"
ks create namespace smoke >/dev/null && ok "slipway created namespace smoke"
for _ in $(seq 1 50); do k -n smoke get sa default >/dev/null 2>&1 && break; sleep 0.1; done
ks -n smoke create deployment web --image=nginx:1.27 --replicas=3 >/dev/null && ok "slipway created deployment web"
ks -n smoke rollout status deployment/web --timeout=60s >/dev/null && ok "web rolled out"
k -n smoke wait --for=condition=Available deployment/web --timeout=30s >/dev/null && ok "web Available"
running=$(k -n smoke get pods -l app=web --field-selector=status.phase=Running -o name | wc -l)
[ "$running" = 3 ] && ok "3 pods Running" || fail "$running pods Running"

step "rollout, history, undo"
ks -n smoke set image deployment/web nginx=nginx:1.28 >/dev/null
ks -n smoke rollout status deployment/web --timeout=60s >/dev/null && ok "rolled out nginx:1.28"
revs=$(ks -n smoke rollout history deployment/web | grep -cE '^[0-9]+ ')
[ "$revs" = 2 ] && ok "rollout history shows 2 revisions" || fail "history has $revs revisions"
ks -n smoke rollout undo deployment/web >/dev/null
ks -n smoke rollout status deployment/web --timeout=60s >/dev/null
img=$(k -n smoke get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}')
[ "$img" = nginx:1.27 ] && ok "undo restored nginx:1.27" || fail "image after undo: $img"

step "unready label"
cat <<YAML | ks apply -f - >/dev/null
apiVersion: apps/v1
kind: Deployment
metadata: {name: stuck, namespace: smoke}
spec:
  replicas: 2
  progressDeadlineSeconds: 600
  selector: {matchLabels: {app: stuck}}
  template:
    metadata:
      labels: {app: stuck, sandbox.slipway.dev/unready: "true"}
    spec:
      containers: [{name: app, image: nginx}]
YAML
for _ in $(seq 1 50); do
  n=$(k -n smoke get pods -l app=stuck --field-selector=status.phase=Running -o name | wc -l)
  [ "$n" = 2 ] && break; sleep 0.2
done
[ "$n" = 2 ] && ok "2 unready-labelled pods Running" || fail "$n stuck pods Running"
sleep 3
rdy=$(k -n smoke get pods -l app=stuck -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | sort -u | tr '\n' ' ')
[ "$rdy" = "False " ] && ok "their Ready condition is False" || fail "Ready conditions: $rdy"
avail=$(k -n smoke get deployment stuck -o jsonpath='{.status.availableReplicas}')
[ -z "$avail" ] || [ "$avail" = 0 ] && ok "deployment stuck has 0 available replicas" || fail "stuck available=$avail"

step "HPA, CronJob, Ingress, Gateway API"
cat <<YAML | ks apply -f - >/dev/null && ok "slipway applied HPA, CronJob, Ingress, Gateway, HTTPRoute"
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: smoke}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 6
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: smoke}
spec:
  schedule: "0 3 * * *"
  timeZone: Europe/Berlin
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: job, image: busybox, command: ["true"]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: smoke}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: smoke}
spec:
  rules:
  - host: web.example.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: smoke}
spec:
  gatewayClassName: example
  listeners: [{name: http, protocol: HTTP, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: smoke}
spec:
  parentRefs: [{name: gw}]
  hostnames: [web.example.test]
  rules:
  - backendRefs: [{name: web, port: 80}]
YAML
ks -n smoke create job once --from=cronjob/nightly >/dev/null
k -n smoke wait --for=condition=Complete job/once --timeout=60s >/dev/null && ok "job from cronjob Completed (kwok)"
line="$(ks -n smoke logs deployment/web 2>/dev/null | head -1)"; [ -n "$line" ] && ok "pods/log works: ${line:0:60}" || fail "no pod logs"

step "RBAC of the slipway ServiceAccount"
for a in "create deployments -n smoke" "patch deployments/scale -n smoke" "delete pods -n smoke" "create httproutes.gateway.networking.k8s.io -n smoke" "get pods/log -n smoke" "create namespaces"; do
  [ "$(ks auth can-i $a 2>/dev/null)" = yes ] && ok "can $a" || fail "cannot $a"
done
for a in "create clusterroles" "create clusterrolebindings" "delete nodes" "create pods -n smoke" "delete namespaces" "update replicasets -n smoke"; do
  [ "$(ks auth can-i $a 2>/dev/null)" = no ] && ok "cannot $a" || fail "CAN $a"
done

k delete namespace smoke --wait=false >/dev/null
echo "smoke test passed"
