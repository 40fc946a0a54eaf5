package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/spf13/pflag"
	"sigs.k8s.io/yaml"

	nodefast "sigs.k8s.io/kwok/kustomize/stage/node/fast"
	nodeheartbeatwithlease "sigs.k8s.io/kwok/kustomize/stage/node/heartbeat-with-lease"
	podfast "sigs.k8s.io/kwok/kustomize/stage/pod/fast"
	"sigs.k8s.io/kwok/pkg/apis/v1alpha1"
	"sigs.k8s.io/kwok/pkg/config"
	kwokcmd "sigs.k8s.io/kwok/pkg/kwok/cmd"
	"sigs.k8s.io/kwok/pkg/log"
	"sigs.k8s.io/kwok/pkg/utils/signals"
)

// runKwok mirrors sigs.k8s.io/kwok/cmd/kwok/main.go.
func runKwok() int {
	// cobra merges pflag.CommandLine into every root command. The k8s
	// packages linked into this binary register a non-bool --version there
	// (component-base/version/verflag), which breaks kwok's own --version.
	pflag.CommandLine = pflag.NewFlagSet(os.Args[0], pflag.ExitOnError)

	flagset := pflag.NewFlagSet("global", pflag.ContinueOnError)
	flagset.ParseErrorsAllowlist.UnknownFlags = true
	flagset.Usage = func() {}

	ctx := signals.SetupSignalContext()
	ctx, logger := log.InitFlags(ctx, flagset)

	ctx, err := config.InitFlags(ctx, flagset)
	if err != nil {
		_, _ = os.Stderr.Write([]byte(flagset.FlagUsages()))
		logger.Error("Init config flags", "err", err)
		return 1
	}

	command := kwokcmd.NewCommand(ctx)
	command.PersistentFlags().AddFlagSet(flagset)
	if err := command.ExecuteContext(ctx); err != nil {
		logger.Error("Execute exit", "err", err)
		return 1
	}
	return 0
}

// UnreadyKey is the label or annotation that keeps a simulated pod Running but
// never Ready.
const UnreadyKey = "sandbox.slipway.dev/unready"

// unreadyStatusTemplate is the "Running, containers started, not Ready" status.
const unreadyStatusTemplate = `{{ $now := Now }}
conditions:
- lastTransitionTime: {{ $now | Quote }}
  status: "True"
  type: Initialized
- lastTransitionTime: {{ $now | Quote }}
  status: "False"
  reason: ContainersNotReady
  message: "simulated by kwok: ` + UnreadyKey + `=true"
  type: Ready
- lastTransitionTime: {{ $now | Quote }}
  status: "False"
  reason: ContainersNotReady
  message: "simulated by kwok: ` + UnreadyKey + `=true"
  type: ContainersReady
containerStatuses:
{{ range .spec.containers }}
- image: {{ .image | Quote }}
  name: {{ .name | Quote }}
  ready: false
  started: true
  restartCount: 0
  state:
    running:
      startedAt: {{ $now | Quote }}
{{ end }}
{{ $hostIPs := NodeIPsWith .spec.nodeName }}
{{ with $hostIPs }}
hostIP: {{ index . 0 | Quote }}
hostIPs:
{{ range . }}
- ip: {{ . | Quote }}
{{ end }}
{{ end }}
{{ $podIPs := PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
{{ with $podIPs }}
podIP: {{ index . 0 | Quote }}
podIPs:
{{ range . }}
- ip: {{ . | Quote }}
{{ end }}
{{ end }}
phase: Running
startTime: {{ $now | Quote }}
`

// runKwokStages prints kwok's upstream default stages (node initialize,
// node heartbeat with lease, pod ready/complete/delete), with pod-ready
// restricted to pods NOT marked unready, plus stages that make marked pods
// Running but never Ready.
func runKwokStages() int {
	fs := flag.NewFlagSet("kwok-stages", flag.ExitOnError)
	logsFile := fs.String("logs-file", "", "if set, also emit a ClusterLogs rule serving this CRI-format file as every container's log")
	_ = fs.Parse(os.Args[1:])
	var out []byte
	emit := func(s *v1alpha1.Stage) error {
		b, err := yaml.Marshal(s)
		if err != nil {
			return err
		}
		out = append(out, "---\n"...)
		out = append(out, b...)
		return nil
	}
	parse := func(raw string) (*v1alpha1.Stage, error) {
		s := &v1alpha1.Stage{}
		return s, yaml.UnmarshalStrict([]byte(raw), s)
	}
	labelKey := fmt.Sprintf(`.metadata.labels["%s"]`, UnreadyKey)
	annoKey := fmt.Sprintf(`.metadata.annotations["%s"]`, UnreadyKey)

	for _, raw := range []string{
		nodefast.DefaultNodeInit,
		nodeheartbeatwithlease.DefaultNodeHeartbeatWithLease,
		podfast.DefaultPodComplete,
		podfast.DefaultPodDelete,
	} {
		s, err := parse(raw)
		if err == nil {
			err = emit(s)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}

	ready, err := parse(podfast.DefaultPodReady)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	base := ready.DeepCopy()
	ready.Spec.Selector.MatchExpressions = append(ready.Spec.Selector.MatchExpressions,
		v1alpha1.MatchExpression{Key: labelKey, Operator: v1alpha1.SelectorOpNotIn, Values: []string{"true"}},
		v1alpha1.MatchExpression{Key: annoKey, Operator: v1alpha1.SelectorOpNotIn, Values: []string{"true"}},
	)
	if err := emit(ready); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for name, key := range map[string]string{"pod-unready-label": labelKey, "pod-unready-annotation": annoKey} {
		s := base.DeepCopy()
		s.Name = name
		s.Spec.Selector.MatchExpressions = append(s.Spec.Selector.MatchExpressions,
			v1alpha1.MatchExpression{Key: key, Operator: v1alpha1.SelectorOpIn, Values: []string{"true"}})
		s.Spec.Next.StatusTemplate = unreadyStatusTemplate
		if err := emit(s); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	if *logsFile != "" {
		cl := &v1alpha1.ClusterLogs{}
		cl.APIVersion = v1alpha1.GroupVersion.String()
		cl.Kind = v1alpha1.ClusterLogsKind
		cl.Name = "sandbox-logs"
		cl.Spec.Logs = []v1alpha1.Log{{LogsFile: logsFile, PreviousLogsFile: logsFile}}
		b, err := yaml.Marshal(cl)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		out = append(out, "---\n"...)
		out = append(out, b...)
	}
	_, _ = os.Stdout.Write(out)
	return 0
}
