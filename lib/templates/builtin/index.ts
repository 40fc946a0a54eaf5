import type { BuiltinTemplate } from "./builtin-template";
import { cronjob } from "./cronjob";
import { webService } from "./web-service";
import { worker } from "./worker";

export type { BuiltinTemplate } from "./builtin-template";

export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [webService, worker, cronjob];
