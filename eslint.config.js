import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

const platformPackages = ["discord.js", "grammy", "node-cron", "@grammyjs/*", "@discordjs/*"];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", ".bench-build/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // The core is shared by every adapter: it must not know any platform, scheduler or adapter.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: platformPackages,
              message: "src/core stays platform-neutral: move this to src/bots or src/scheduler.",
            },
            {
              group: ["**/bots/**", "**/scheduler/**", "**/storage/**"],
              message: "src/core must not import adapters, the scheduler or the storage adapters.",
            },
            {
              group: ["lowdb", "lowdb/*", "pg", "@electric-sql/*", "node:fs", "node:fs/*", "fs", "fs/*"],
              message:
                "Only the storage adapters (src/storage) touch files and databases: use the Store port.",
            },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript entry points run on Node.
    files: ["**/*.js"],
    languageOptions: { globals: { URL: "readonly", process: "readonly", console: "readonly" } },
  },
  prettier,
);
