#!/usr/bin/env bash
# Builds Traefik (Kubernetes Gateway API + ingress-nginx providers) from the Go module proxy for
# the data-plane tests, cached like the sandbox binary. Prints the binary's path on stdout.
#   sandbox/gateway/build-traefik.sh          # build if needed (about 10 min cold on 2 cores)
# Traefik cannot be built with `go install` (its go.mod has replace directives), so this writes a
# wrapper module into the cache that requires it, plus three workarounds (see GATEWAY.md):
#  1. github.com/traefik/traefik/dynamic/ext is a nested module of the traefik repository that the
#     proxy does not serve: a local module with the two empty extension types v3.7 uses.
#  2. go-acme/lego v5.4.1 registers DNS providers whose SDKs the proxy refuses (403 "not
#     available"): a copy of lego from the module cache without those providers (ACME DNS
#     challenges are never used here).
#  3. containous/go-http-auth at the revision traefik v3.7 pins is refused too: the revision v3.6
#     uses (only the basic/digest-auth middlewares use it).
set -euo pipefail

TRAEFIK_VERSION=v3.7.13
LEGO_VERSION=v5.4.1
HTTP_AUTH=v0.4.1-0.20200324110947-a37a7636d23e
DROPPED_DNS_PROVIDERS=(alidns aliesa azion dnsimple edgedns edgeone huaweicloud oraclecloud regfish sakuracloud
  tencentcloud ucloud yandexcloud)

SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/slipway/traefik"
log() { printf '[traefik %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if command -v go >/dev/null 2>&1; then GO="$(command -v go)"
elif [ -x /usr/local/go/bin/go ]; then GO=/usr/local/go/bin/go
else die "go toolchain not found (need Go >= 1.26 in PATH or /usr/local/go/bin)"; fi
export GOTOOLCHAIN=local
LDFLAGS="-s -w -X github.com/traefik/traefik/v3/pkg/version.Version=$TRAEFIK_VERSION"

# The cache key: this script (versions, workarounds) and the Go version.
HASH="$({ sha256sum < "$SCRIPT"; "$GO" env GOVERSION; } | sha256sum | cut -c1-16)"
BIN_DIR="$CACHE_ROOT/$HASH"
BIN="$BIN_DIR/traefik"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.build.lock"
if ! flock -n 9; then log "another Traefik build is running; waiting for it"; flock 9; fi
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi   # built meanwhile by someone else

tmp="$(mktemp -d "$CACHE_ROOT/.build-$HASH.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
log "building Traefik $TRAEFIK_VERSION -> $BIN"
log "first build: ~10 min on 2 cores with a cold Go build cache, plus ~550 MB of module downloads"

mkdir -p "$tmp/src/ext"
cat > "$tmp/src/go.mod" <<MOD
module slipway.local/traefik

go 1.26.0

require github.com/traefik/traefik/v3 $TRAEFIK_VERSION

replace (
	github.com/abbot/go-http-auth => github.com/containous/go-http-auth $HTTP_AUTH
	github.com/go-acme/lego/v5 => ./lego5
	github.com/gorilla/mux => github.com/containous/mux v0.0.0-20250523120546-41b6ec3aed59
	github.com/traefik/traefik/dynamic/ext => ./ext
)

// As in traefik's own go.mod: the monorepo's old incomplete module.
exclude github.com/tencentcloud/tencentcloud-sdk-go v3.0.83+incompatible
MOD
printf 'module github.com/traefik/traefik/dynamic/ext\n\ngo 1.26.0\n' > "$tmp/src/ext/go.mod"
cat > "$tmp/src/ext/ext.go" <<'GO'
// Package ext stands in for traefik's dynamic-configuration extension module, which is empty in
// the open-source build.
package ext

type HTTP struct{}

type Router struct{}
GO
cat > "$tmp/src/tools.go" <<'GO'
//go:build tools

package tools

import _ "github.com/traefik/traefik/v3/cmd/traefik"
GO

log "fetching go-acme/lego $LEGO_VERSION and leaving out ${#DROPPED_DNS_PROVIDERS[@]} DNS providers the proxy cannot serve"
lego="$(cd "$tmp/src" && GOFLAGS=-mod=mod nice -n 19 "$GO" mod download -json "github.com/go-acme/lego/v5@$LEGO_VERSION" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -d "$lego" ] || die "go-acme/lego $LEGO_VERSION not in the module cache"
cp -r "$lego" "$tmp/src/lego5"
chmod -R u+w "$tmp/src/lego5"
registry="$tmp/src/lego5/providers/dns/zz_gen_dns_providers.go"
for p in "${DROPPED_DNS_PROVIDERS[@]}"; do
  grep -q "\"github.com/go-acme/lego/v5/providers/dns/$p\"" "$registry" || die "lego $LEGO_VERSION has no DNS provider $p"
  rm -rf "${tmp:?}/src/lego5/providers/dns/$p"
  # The import line, and the `case "...":` line before each `return <p>.NewDNSProvider()`.
  awk -v p="$p" '
    $0 ~ "^\t\"github.com/go-acme/lego/v5/providers/dns/" p "\"$" { next }
    $0 ~ "^\t\treturn " p "\\.NewDNSProvider\\(\\)$" { held = ""; next }
    { if (held != "") print held; held = "" }
    /^\tcase "/ { held = $0; next }
    { print }
    END { if (held != "") print held }' "$registry" > "$registry.new"
  mv "$registry.new" "$registry"
  ! grep -q "\b$p\." "$registry" || die "DNS provider $p still referenced in $registry"
done

log "resolving modules (go mod tidy; downloads on the first build)"
( cd "$tmp/src" && GOFLAGS=-mod=mod nice -n 19 "$GO" mod tidy ) 2>&1 | awk '!/^go: (finding|found)/ { print; fflush() }' >&2 \
  || die "go mod tidy failed (see above)"
total="$(cd "$tmp/src" && GOFLAGS=-mod=readonly "$GO" list -deps github.com/traefik/traefik/v3/cmd/traefik | wc -l)" \
  || die "package loading failed (see the errors above)"
log "compiling up to $total packages (go build -v; cached ones are skipped)"
build_start=$(date +%s)
if ! ( cd "$tmp/src" && GOFLAGS=-mod=readonly CGO_ENABLED=0 nice -n 19 "$GO" build -v -trimpath -ldflags "$LDFLAGS" \
  -o "$tmp/traefik" github.com/traefik/traefik/v3/cmd/traefik ) 2>&1 \
  | awk -v total="$total" -v start="$build_start" '
      / |^#|^\t/ { print; fflush(); next }   # messages; package paths have no spaces
      { n++; if (n % 25 == 0 || n == total) { printf("[traefik build %4d/%d %4ds] %s\n", n, total, systime()-start, $0); fflush() } }' >&2
then die "go build failed"; fi
[ -x "$tmp/traefik" ] || die "go build produced no binary"
"$tmp/traefik" version > "$tmp/VERSION"
chmod 755 "$tmp"
rm -rf "$BIN_DIR"; mv "$tmp" "$BIN_DIR"
trap - EXIT
log "built in $(( $(date +%s) - start ))s: $BIN ($(stat -c %s "$BIN") bytes)"
echo "$BIN"
