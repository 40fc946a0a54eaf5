import type { BuiltinTemplate } from "./builtin-template";
import { cronjob } from "./cronjob";
import { webService } from "./web-service";
import { worker } from "./worker";

export type { BuiltinTemplate } from "./builtin-template";

export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [webService, worker, cronjob];

// The changelog of a version Slipway wrote for a built-in; pages show it in the reader's language.
export const BUILTIN_CHANGELOG = "Built-in template";
