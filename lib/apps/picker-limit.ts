// The most apps one app-picker search answers with: enough to pick from, small at any number of
// apps. Apart from the search's zod schema, so the picker's browser code does not load zod (whose
// schemas probe `new Function` once, which the Content-Security-Policy reports as a violation).
export const APP_PICKER_LIMIT = 20;
