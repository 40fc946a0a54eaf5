// Command slipway-sandbox is a hyperkube-style multi-call binary that runs an
// upstream Kubernetes control plane (etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler), kwok and kubectl for the Slipway
// local sandbox. Each subcommand is meant to run as its own process; this file
// only dispatches to the upstream entry points.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

type subcommand struct {
	help string
	run  func() int // os.Args has been rewritten to [name, args...]
}

var subcommands = map[string]subcommand{
	"etcd":                    {"embedded etcd server (go.etcd.io/etcd/server/v3/embed)", runEtcd},
	"kube-apiserver":          {"k8s.io/kubernetes/cmd/kube-apiserver", runAPIServer},
	"kube-controller-manager": {"k8s.io/kubernetes/cmd/kube-controller-manager", runControllerManager},
	"kube-scheduler":          {"k8s.io/kubernetes/cmd/kube-scheduler", runScheduler},
	"kwok":                    {"sigs.k8s.io/kwok/cmd/kwok (simulated nodes and pods)", runKwok},
	"kwok-stages":             {"print the kwok Stage config (upstream defaults + sandbox unready rule)", runKwokStages},
	"kubectl":                 {"k8s.io/kubectl", runKubectl},
	"certs":                   {"generate CA, serving/client certs, SA key and kubeconfigs", runCerts},
	"version":                 {"print component versions", runVersion},
}

func usage() {
	fmt.Fprintf(os.Stderr, "usage: %s <subcommand> [flags]\n\nsubcommands:\n", filepath.Base(os.Args[0]))
	names := make([]string, 0, len(subcommands))
	for n := range subcommands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-24s %s\n", n, subcommands[n].help)
	}
}

func main() {
	// Allow symlinks named after a subcommand (busybox style).
	name := filepath.Base(os.Args[0])
	if _, ok := subcommands[name]; !ok {
		if len(os.Args) < 2 {
			usage()
			os.Exit(2)
		}
		name = os.Args[1]
		os.Args = append([]string{name}, os.Args[2:]...)
	}
	sc, ok := subcommands[name]
	if !ok {
		if name == "-h" || name == "--help" || name == "help" {
			usage()
			os.Exit(0)
		}
		fmt.Fprintf(os.Stderr, "unknown subcommand %q\n\n", name)
		usage()
		os.Exit(2)
	}
	os.Exit(sc.run())
}
