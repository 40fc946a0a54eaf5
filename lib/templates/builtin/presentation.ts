import type { ParameterDef } from "../parameter-def";
import { BUILTIN_TEMPLATES } from "./index";

// Apps pinned to a built-in version written before parameters had titles and sections get them
// from the built-in this Slipway ships, matched by name: only what people read changes, never
// what is rendered.
export function withBuiltinPresentation(template: string, parameters: ParameterDef[]): ParameterDef[] {
  const shipped = BUILTIN_TEMPLATES.find((builtin) => builtin.name === template)?.schema.parameters;
  if (!shipped) return parameters;
  return parameters.map((def) => {
    if (def.title) return def;
    const current = shipped.find((candidate) => candidate.name === def.name && candidate.type === def.type);
    if (!current) return def;
    const { title, section, advanced, help } = current;
    return {
      ...def,
      ...(title ? { title } : {}),
      ...(section ? { section } : {}),
      ...(advanced ? { advanced } : {}),
      help: def.help ?? help,
    };
  });
}
