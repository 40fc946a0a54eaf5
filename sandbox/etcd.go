package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.etcd.io/etcd/api/v3/version"
	"go.etcd.io/etcd/client/pkg/v3/transport"
	"go.etcd.io/etcd/server/v3/embed"
)

func etcdVersion() string { return version.Version }

// runEtcd starts a single-member etcd via the upstream embed package with
// mutual TLS on the client port.
func runEtcd() int {
	fs := flag.NewFlagSet("etcd", flag.ExitOnError)
	dataDir := fs.String("data-dir", "", "etcd data directory (required)")
	clientURL := fs.String("listen-client-url", "https://127.0.0.1:2379", "client URL (listen and advertise)")
	peerURL := fs.String("listen-peer-url", "http://127.0.0.1:2380", "peer URL (listen and advertise)")
	certFile := fs.String("cert-file", "", "server certificate")
	keyFile := fs.String("key-file", "", "server key")
	caFile := fs.String("trusted-ca-file", "", "CA for client certificate authentication")
	quota := fs.Int64("quota-backend-bytes", 2<<30, "backend quota in bytes")
	logLevel := fs.String("log-level", "warn", "log level")
	unsafeNoFsync := fs.Bool("unsafe-no-fsync", false, "disable fsync (faster, not crash safe)")
	_ = fs.Parse(os.Args[1:])
	if *dataDir == "" {
		fmt.Fprintln(os.Stderr, "etcd: --data-dir is required")
		return 2
	}

	cu, err := url.Parse(*clientURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	pu, err := url.Parse(*peerURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}

	cfg := embed.NewConfig()
	cfg.Name = "slipway-sandbox"
	cfg.Dir = *dataDir
	cfg.ListenClientUrls = []url.URL{*cu}
	cfg.AdvertiseClientUrls = []url.URL{*cu}
	cfg.ListenPeerUrls = []url.URL{*pu}
	cfg.AdvertisePeerUrls = []url.URL{*pu}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.QuotaBackendBytes = *quota
	cfg.LogLevel = *logLevel
	cfg.UnsafeNoFsync = *unsafeNoFsync
	cfg.AutoCompactionMode = "periodic"
	cfg.AutoCompactionRetention = "10m"
	if *certFile != "" {
		cfg.ClientTLSInfo = transport.TLSInfo{
			CertFile:       *certFile,
			KeyFile:        *keyFile,
			TrustedCAFile:  *caFile,
			ClientCertAuth: *caFile != "",
		}
	}

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "etcd:", err)
		return 1
	}
	defer e.Close()

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)

	select {
	case <-e.Server.ReadyNotify():
		fmt.Fprintf(os.Stderr, "etcd %s ready, serving clients on %s\n", version.Version, cu)
	case <-time.After(2 * time.Minute):
		fmt.Fprintln(os.Stderr, "etcd: took too long to start")
		return 1
	case s := <-sig:
		fmt.Fprintf(os.Stderr, "etcd: got %s during startup\n", s)
		return 0
	}

	select {
	case err := <-e.Err():
		fmt.Fprintln(os.Stderr, "etcd:", err)
		return 1
	case s := <-sig:
		fmt.Fprintf(os.Stderr, "etcd: got %s, shutting down\n", s)
		e.Server.Stop()
		return 0
	}
}
