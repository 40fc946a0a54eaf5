package main

import (
	"fmt"
	"os"
	_ "time/tzdata" // CronJob time zones

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	"k8s.io/component-base/version"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
	gatewayconsts "sigs.k8s.io/gateway-api/pkg/consts"
	kwokversion "sigs.k8s.io/kwok/pkg/consts"
)

func runAPIServer() int { return cli.Run(apiserver.NewAPIServerCommand()) }

func runControllerManager() int { return cli.Run(controllermanager.NewControllerManagerCommand()) }

func runScheduler() int { return cli.Run(scheduler.NewSchedulerCommand()) }

func runVersion() int {
	fmt.Fprintf(os.Stdout, "kubernetes  %s\n", version.Get().GitVersion)
	fmt.Fprintf(os.Stdout, "etcd        %s\n", etcdVersion())
	fmt.Fprintf(os.Stdout, "kwok        %s\n", kwokversion.Version)
	fmt.Fprintf(os.Stdout, "gateway-api %s\n", gatewayconsts.BundleVersion)
	return 0
}
