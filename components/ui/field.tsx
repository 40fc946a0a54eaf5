import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

const control =
  "block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600";

export function Field({
  label,
  htmlFor,
  error,
  hint,
  children,
}: {
  label: ReactNode;
  htmlFor: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-balance text-slate-700">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${htmlFor}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

export function Input({ className, invalid, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return (
    <input
      className={cn(control, invalid && "ring-red-500", className)}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid && props.id ? `${props.id}-error` : undefined}
      {...props}
    />
  );
}

type TextFieldProps = {
  // The input's id is `${idPrefix}-${name}`; its label points at it.
  idPrefix: string;
  name: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name">;

// A labelled input, marked invalid (and described by its message) when the field has an error.
export function TextField({ idPrefix, name, label, error, hint, ...input }: TextFieldProps) {
  const id = `${idPrefix}-${name}`;
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <Input id={id} name={name} invalid={Boolean(error)} {...input} />
    </Field>
  );
}

// A write-only secret (token, password, webhook secret): never filled in from the server, left
// empty to keep the stored one, which `storedHint` says there is.
export function SecretField({
  stored,
  storedHint,
  hint,
  ...props
}: Omit<TextFieldProps, "type" | "defaultValue"> & { stored: boolean; storedHint: ReactNode }) {
  return <TextField type="password" autoComplete="new-password" hint={stored ? storedHint : hint} {...props} />;
}

export function Select({
  className,
  invalid,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }) {
  return (
    <select
      className={cn(control, "pr-8", invalid && "ring-red-500", className)}
      aria-invalid={invalid || undefined}
      {...props}
    />
  );
}

// Text written as code (kubeconfigs, variable lines): monospace, no spell checking.
export function CodeTextarea({
  className,
  invalid,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }) {
  return (
    <textarea
      spellCheck={false}
      className={cn(
        "block w-full rounded-md px-2.5 py-1.5 font-mono text-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600",
        invalid && "ring-red-500",
        className,
      )}
      aria-invalid={invalid || undefined}
      {...props}
    />
  );
}

// A labelled control in a page's filter bar (the app list, the audit history).
export function FilterField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="text-xs whitespace-nowrap text-slate-500">
      {label}
      <div className="mt-1">{children}</div>
    </label>
  );
}
