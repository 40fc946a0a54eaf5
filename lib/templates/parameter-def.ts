import { z } from "zod";
import { PARAMETER_SECTIONS } from "./parameter-sections";

export const PARAMETER_TYPES = [
  "string",
  "integer",
  "boolean",
  "enum",
  "image",
  "port",
  "keyValueList",
  "resources",
  "probe",
  "ingress",
  "autoscaling",
  "rollingUpdate",
  "configFiles",
  "secretValues",
] as const;

export type ParameterType = (typeof PARAMETER_TYPES)[number];

export { PARAMETER_SECTIONS, type ParameterSection } from "./parameter-sections";

// Help text: words for people; text between backticks is shown as code (components/ui/text-with-code.tsx).
const ZHelpTextSchema = z.string().max(2000, "help text must be at most 2000 characters");
const ZTitleSchema = z.string().max(100, "a title must be at most 100 characters");

// The shape of one definition; rules across fields (default fits the type, options only on
// enum, ...) are checked by ZParameterSchemaSchema, which can name the parameter.
export const ZParameterDefSchema = z.strictObject({
  name: z
    .string("name must be a string")
    .regex(/^[a-zA-Z][a-zA-Z0-9]*$/, "name must start with a letter and contain only letters and digits")
    .max(63, "name must be at most 63 characters"),
  type: z.enum(PARAMETER_TYPES, `type must be one of ${PARAMETER_TYPES.join(", ")}`),
  required: z.boolean("required must be true or false").optional(),
  default: z.unknown().optional(),
  // What people read in the form, per language; the name is shown as a small hint beside it.
  title: z.strictObject({ en: ZTitleSchema.optional(), "zh-CN": ZTitleSchema.optional() }).optional(),
  help: z.strictObject({ en: ZHelpTextSchema.optional(), "zh-CN": ZHelpTextSchema.optional() }).optional(),
  section: z.enum(PARAMETER_SECTIONS, `section must be one of ${PARAMETER_SECTIONS.join(", ")}`).optional(),
  // Folded away in the form until opened: rarely changed.
  advanced: z.boolean("advanced must be true or false").optional(),
  options: z.array(z.string().min(1, "an option must not be empty").max(253)).optional(),
  min: z.int("min must be an integer").optional(),
  max: z.int("max must be an integer").optional(),
});

export type ParameterDef = z.infer<typeof ZParameterDefSchema>;
