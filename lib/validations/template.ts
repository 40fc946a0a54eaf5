import { z } from "zod";
import { ZDns1123LabelSchema } from "./common";
import { textNotTooDeep } from "./input-shape";

// What the template editor sends. The parameter schema arrives as JSON text so that a syntax
// error can be reported with its position; its content is checked by lib/templates.
export const ZSaveTemplateVersionSchema = z.object({
  templateId: z.string().uuid().optional(),
  name: ZDns1123LabelSchema(40),
  description: z.string().trim().max(500, "validation.tooLong").default(""),
  descriptionZh: z.string().trim().max(500, "validation.tooLong").default(""),
  schemaText: z
    .string()
    .min(1, "validation.required")
    .max(200_000, "validation.tooLong")
    .refine(textNotTooDeep, "validation.tooDeep"),
  body: z
    .string()
    .min(1, "validation.required")
    .max(500_000, "validation.tooLong")
    .refine(textNotTooDeep, "validation.tooDeep"),
  changelog: z.string().trim().max(1000, "validation.tooLong").default(""),
});
export type SaveTemplateVersionInput = z.output<typeof ZSaveTemplateVersionSchema>;

export const ZPreviewTemplateSchema = z.object({
  schemaText: z.string().max(200_000, "validation.tooLong").refine(textNotTooDeep, "validation.tooDeep"),
  body: z.string().max(500_000, "validation.tooLong").refine(textNotTooDeep, "validation.tooDeep"),
  valuesText: z.string().max(200_000, "validation.tooLong").refine(textNotTooDeep, "validation.tooDeep").default("{}"),
});
