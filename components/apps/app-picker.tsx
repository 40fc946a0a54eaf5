"use client";
import { useEffect, useId, useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { cn } from "@/components/ui/cn";
import type { AppChoice } from "@/lib/services/apps/search-apps";
import { APP_PICKER_LIMIT } from "@/lib/apps/picker-limit";

const label = (app: AppChoice) => `${app.team}/${app.name}`;
// Typing is quick; one search per pause, not per key.
const DEBOUNCE_MS = 150;

type Props = {
  id?: string;
  // In a GET form: the field the chosen app's id is sent as (several: one field each).
  name?: string;
  // The apps chosen when the page opened, already named by the server (?app=... in the URL).
  selected: AppChoice[];
  onChange?: (apps: AppChoice[]) => void;
  multiple?: boolean;
  // Only this team's apps (team id).
  team?: string;
  placeholder?: string;
  className?: string;
  testId?: string;
  "aria-label"?: string;
};

// Type to find an app: the server answers with a few matches (GET /api/apps/search), never the
// whole list, so it costs the same at 10 apps and at 10,000 (issue 17). A WAI-ARIA combobox:
// arrows move, Enter picks, Escape closes. With `multiple` the chosen apps show as removable chips.
export function AppPicker({
  id,
  name,
  selected: initial,
  onChange,
  multiple = false,
  team,
  placeholder,
  className,
  testId = "app-picker",
  "aria-label": ariaLabel,
}: Props) {
  const { t } = useI18n();
  const listId = useId();
  const [selected, setSelected] = useState(initial);
  const [text, setText] = useState(multiple ? "" : initial[0] ? label(initial[0]) : "");
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<AppChoice[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [active, setActive] = useState(0);

  // The text to search for: in single mode the chosen app's label means "show anything".
  const query = !multiple && selected[0] && text === label(selected[0]) ? "" : text.trim();
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const search = async () => {
      const params = new URLSearchParams({ q: query, ...(team ? { team } : {}) });
      try {
        const response = await fetch(`/api/apps/search?${params}`, { signal: controller.signal, cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { apps: AppChoice[] };
        setResults(body.apps);
        setFailed(false);
        setActive(0);
      } catch {
        if (!controller.signal.aborted) setFailed(true);
      }
    };
    const timer = setTimeout(() => void search(), DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query, team]);

  const change = (apps: AppChoice[]) => {
    setSelected(apps);
    onChange?.(apps);
  };
  const pick = (app: AppChoice) => {
    if (multiple) {
      if (!selected.some((s) => s.id === app.id)) change([...selected, app]);
      setText("");
    } else {
      change([app]);
      setText(label(app));
      setOpen(false);
    }
  };
  // Leaving the field: an emptied single picker means "any app"; half-typed text goes back to
  // the chosen app's name, so what is shown is what is sent.
  const leave = () => {
    setOpen(false);
    if (multiple) return;
    if (text.trim() === "") {
      if (selected.length > 0) change([]);
    } else setText(selected[0] ? label(selected[0]) : "");
  };
  const options = (results ?? []).filter((app) => !multiple || !selected.some((s) => s.id === app.id));
  const optionId = (index: number) => `${listId}-option-${index}`;

  return (
    <div className={cn("relative", className)} data-testid={testId}>
      {name ? selected.map((app) => <input key={app.id} type="hidden" name={name} value={app.id} />) : null}
      {multiple && selected.length > 0 ? (
        <ul className="mb-1 flex flex-wrap gap-1" aria-label={ariaLabel}>
          {selected.map((app) => (
            <li
              key={app.id}
              className="flex items-center gap-1 rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-800"
              data-testid="app-picker-chip"
            >
              {label(app)}
              <button
                type="button"
                className="text-indigo-500 hover:text-indigo-900"
                aria-label={t("appPicker.remove", { app: label(app) })}
                onClick={() => change(selected.filter((s) => s.id !== app.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-label={ariaLabel}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && options[active] ? optionId(active) : undefined}
        placeholder={placeholder ?? t("appPicker.placeholder")}
        value={text}
        className="block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:ring-inset"
        onFocus={() => setOpen(true)}
        onBlur={leave}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            if (!open) return setOpen(true);
            const step = event.key === "ArrowDown" ? 1 : -1;
            setActive((index) => (options.length === 0 ? 0 : (index + step + options.length) % options.length));
          } else if (event.key === "Enter" && open) {
            // Picks instead of sending the form; a closed picker lets Enter send it.
            event.preventDefault();
            if (options[active]) pick(options[active]);
          } else if (event.key === "Escape" && open) {
            event.preventDefault();
            setOpen(false);
          }
        }}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={ariaLabel}
          className="absolute z-20 mt-1 max-h-72 w-full min-w-64 overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {options.map((app, index) => (
            <li
              key={app.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={cn("cursor-pointer px-2.5 py-1.5", index === active ? "bg-indigo-50 text-indigo-900" : "")}
              // Before the input's blur, so the click lands on a list that is still there.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => pick(app)}
            >
              <span className="text-slate-500">{app.team}/</span>
              {app.name}
            </li>
          ))}
          {failed ? <li className="px-2.5 py-1.5 text-red-600">{t("appPicker.failed")}</li> : null}
          {!failed && results === null ? (
            <li className="px-2.5 py-1.5 text-slate-500">{t("appPicker.searching")}</li>
          ) : null}
          {!failed && results !== null && options.length === 0 ? (
            <li className="px-2.5 py-1.5 text-slate-500">{t("appPicker.none")}</li>
          ) : null}
          {!failed && results !== null && results.length >= APP_PICKER_LIMIT ? (
            <li className="px-2.5 py-1.5 text-xs text-slate-400">{t("appPicker.more", { limit: APP_PICKER_LIMIT })}</li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
