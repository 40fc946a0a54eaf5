import type { BuiltinTemplate } from "./builtin-template";
import { envParameter, imageParameter, resourcesParameter, secretValuesParameter } from "./common-parameters";
import { secretValuesDocument } from "./shared-documents";

const body = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:
  schedule: \${{ params.schedule }}
  timeZone: \${{ params.timeZone }}
  concurrencyPolicy: \${{ params.concurrencyPolicy }}
  suspend: \${{ params.suspend }}
  jobTemplate:
    metadata:
      labels: \${{ labels }}
    spec:
      backoffLimit: \${{ params.backoffLimit }}
      template:
        metadata:
          labels: \${{ labels }}
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: \${{ params.image }}
              env: \${{ params.env }}
              envFrom:
                - $if: params.secretValues
                  secretRef:
                    name: \${{ app.name }}-secrets
              resources: \${{ params.resources }}
---
${secretValuesDocument}`;

export const cronjob: BuiltinTemplate = {
  name: "cronjob",
  description: {
    en: "A scheduled job: a batch/v1 CronJob.",
    "zh-CN": "定时任务：batch/v1 CronJob。",
  },
  schema: {
    parameters: [
      imageParameter,
      {
        name: "schedule",
        type: "string",
        title: { en: "Schedule", "zh-CN": "调度时间" },
        required: true,
        default: "0 * * * *",
        max: 100,
        help: {
          en: "Cron schedule, e.g. 0 3 * * * (03:00 daily).",
          "zh-CN": "Cron 表达式，例如 0 3 * * *（每天 03:00）。",
        },
      },
      {
        name: "timeZone",
        type: "string",
        title: { en: "Schedule time zone", "zh-CN": "调度时区" },
        max: 100,
        help: {
          en: "IANA time zone of the schedule, e.g. Asia/Shanghai; empty is the cluster's.",
          "zh-CN": "调度所用的 IANA 时区，例如 Asia/Shanghai；留空使用集群时区。",
        },
      },
      {
        name: "concurrencyPolicy",
        type: "enum",
        title: { en: "When a run overlaps", "zh-CN": "运行重叠时" },
        advanced: true,
        options: ["Forbid", "Allow", "Replace"],
        default: "Forbid",
        help: {
          en: "What to do when a run is due while the last one is still going.",
          "zh-CN": "上一次运行尚未结束时新一次到期的处理方式。",
        },
      },
      {
        name: "suspend",
        type: "boolean",
        title: { en: "Paused", "zh-CN": "暂停调度" },
        default: false,
        help: { en: "Pause the schedule.", "zh-CN": "暂停调度。" },
      },
      {
        name: "backoffLimit",
        type: "integer",
        title: { en: "Retries", "zh-CN": "重试次数" },
        advanced: true,
        default: 2,
        min: 0,
        max: 10,
        help: { en: "Retries before a run counts as failed.", "zh-CN": "一次运行判定失败前的重试次数。" },
      },
      envParameter,
      secretValuesParameter,
      resourcesParameter,
    ],
  },
  body,
};
