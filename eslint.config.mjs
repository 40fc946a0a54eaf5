import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";

const config = [
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      ".data/**",
      "node_modules/**",
      "sandbox/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...nextCoreWebVitals,
  {
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { "@typescript-eslint": tseslint.plugin },
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Playwright fixtures receive a `use` callback that is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Components reach data only through lib/services (STYLE.md, habit 1).
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@kubernetes/client-node", message: "Go through lib/kube via lib/services." },
            { name: "@/lib/db", message: "Go through lib/services." },
            { name: "pg", message: "Go through lib/services." },
          ],
          patterns: [{ group: ["@/lib/generated/*", "**/lib/generated/*"], message: "Go through lib/services." }],
        },
      ],
    },
  },
  {
    // Pages, route handlers and server actions too, and they do not open the database or a
    // cluster themselves: lib/services checks roles and scopes every read (issue 12).
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@kubernetes/client-node", message: "Go through lib/kube via lib/services." },
            { name: "pg", message: "Go through lib/services." },
          ],
          patterns: [
            { group: ["@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/*"], message: "Go through lib/services." },
            {
              group: ["@/lib/kube", "@/lib/kube/*", "**/lib/kube", "**/lib/kube/*"],
              message: "Go through lib/services.",
            },
            { group: ["@/lib/generated/*", "**/lib/generated/*"], message: "Go through lib/services." },
          ],
        },
      ],
    },
  },
];

export default config;
