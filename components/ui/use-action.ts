"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";

// Runs a server action from a form: pending state, the field errors and the form-level error
// it returned, and the data on success.
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, startTransition] = useTransition();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [data, setData] = useState<T | null>(null);

  function run(input: I, onSuccess?: (data: T) => void) {
    startTransition(async () => {
      const result = await action(input);
      if (result.ok) {
        setFields({});
        setError(null);
        setData(result.data);
        onSuccess?.(result.data);
      } else {
        setFields(result.error.fields ?? {});
        setError(result.error.fields && result.error.field ? null : result.error.message);
        setData(null);
      }
    });
  }

  return { run, pending, fields, error, data };
}
