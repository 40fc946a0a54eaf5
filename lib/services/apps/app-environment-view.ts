import "server-only";
import { defaultsOf, secretParameterNames } from "@/lib/templates/parameter-schema";
import { toYaml } from "@/lib/templates/to-yaml";
import { loadAppEnvironment } from "./app-settings";
import { maskSecrets, renderFor } from "./render-app";

// What the app page shows for one environment: the form's starting values (defaults, then
// what is stored; secret values reduced to their keys) and the rendered objects, secrets masked.
export async function appEnvironmentView(appId: string, environmentId: string) {
  const target = await loadAppEnvironment(appId, environmentId);
  const secrets = secretParameterNames(target.schema);
  const stored = { ...defaultsOf(target.schema), ...target.values };
  const formValues = Object.fromEntries(
    Object.entries(stored)
      .filter(([name]) => !target.imageParameters.includes(name))
      .map(([name, value]) => [
        name,
        secrets.includes(name) && value && typeof value === "object"
          ? Object.fromEntries(Object.keys(value).map((key) => [key, ""]))
          : value,
      ]),
  );
  const rendered = renderFor(target);
  return {
    namespace: target.namespace,
    configured: target.configured,
    // The image is chosen at deploy time, not in this form.
    parameters: target.schema.parameters.filter((p) => !target.imageParameters.includes(p.name)),
    formValues,
    yaml: rendered.ok ? toYaml(maskSecrets(rendered.objects)) : "",
    errors: rendered.ok ? [] : rendered.errors.map((e) => e.message),
  };
}
