import type { ParameterSchema } from "../parameter-schema";

export type BuiltinTemplate = {
  name: string;
  description: { en: string; "zh-CN": string };
  schema: ParameterSchema;
  body: string;
};
