import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".data/**", "bench/peer/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", __dirname: "readonly", require: "readonly", module: "writable" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration from src/config only." }],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: ["src/config/**", "test/**", "bench/**", "scripts/**", "jest.config.js", "src/**/*.test.ts", "src/simulator/**"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Tests read loosely typed GraphQL JSON.
    files: ["test/**", "src/**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
