"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";

// Which field errors a form shows beside its inputs: a list of names, or a test for names
// built at run time (a parameter form's `values.<name>`).
export type ShownFields = readonly string[] | ((field: string) => boolean);

// Forms that give every field they validate an input of its own: each error beside its input.
export const INLINE: ShownFields = () => true;

// Runs a server action from a form: pending state, the field errors it returned for the fields
// the form shows, the form-level error, and the data on success. An error about a field the
// form does not show (a 409 about the release that is running, say) becomes the form-level
// error, so every failure is visible where the person acted.
export function useAction<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  options: { fields?: ShownFields } = {},
) {
  const [pending, startTransition] = useTransition();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [data, setData] = useState<T | null>(null);
  const shown = (field: string) =>
    typeof options.fields === "function" ? options.fields(field) : (options.fields ?? []).includes(field);

  function run(input: I, onSuccess?: (data: T) => void) {
    startTransition(async () => {
      const result = await action(input);
      if (result.ok) {
        setFields({});
        setError(null);
        setData(result.data);
        onSuccess?.(result.data);
      } else {
        const all = result.error.fields ?? (result.error.field ? { [result.error.field]: result.error.message } : {});
        const inline = Object.entries(all).filter(([field]) => shown(field));
        const elsewhere = Object.entries(all)
          .filter(([field]) => !shown(field))
          .map(([, message]) => message);
        setFields(Object.fromEntries(inline));
        setError(
          inline.length === 0
            ? elsewhere.length > 0
              ? elsewhere.join("\n")
              : result.error.message
            : elsewhere.join("\n") || null,
        );
        setData(null);
      }
    });
  }

  return { run, pending, fields, error, data };
}
