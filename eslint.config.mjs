import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";

/**
 * The folders of src/ in dependency order (docs/architecture.md): a folder may import its own modules and
 * those of the folders before it, never one after it. Folders on one line are siblings and import neither
 * way. The simulator is a program of its own: only start-up wiring may import it.
 */
const LAYERS = [
  ["config"],
  ["model"],
  ["db"],
  ["store"],
  ["defender"],
  // Detection's matchers consume the connector's typed rows (one contract at that boundary).
  ["detection"],
  ["sync", "webhooks"],
  ["services"],
  ["graphql"],
  ["http"],
  ["main"],
];
const SIMULATOR_USES = ["config", "model", "detection"];

const allowedFrom = (index, layer) => [...LAYERS.slice(0, index).flat(), layer];
const layerPolicies = LAYERS.flatMap((layers, index) =>
  layers.map((layer) => ({
    from: { element: { type: layer } },
    allow: {
      to: {
        element: {
          types: {
            anyOf: layer === "main" ? [...allowedFrom(index, layer), "simulator"] : allowedFrom(index, layer),
          },
        },
      },
    },
  })),
);

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".data/**", "bench/peer/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
        require: "readonly",
        module: "writable",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration from src/config only." },
      ],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: [
      "src/config/**",
      "test/**",
      "bench/**",
      "scripts/**",
      "jest.config.js",
      "src/**/*.test.ts",
      "src/simulator/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Tests read loosely typed GraphQL JSON.
    files: ["test/**", "src/**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Imports run one way between the folders of src/ (tests may reach across: they are specifications).
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { node: { extensions: [".ts", ".js"] } },
      "boundaries/elements": [
        ...[...LAYERS.flat().filter((layer) => layer !== "main"), "simulator"].map((layer) => ({
          type: layer,
          pattern: `src/${layer}`,
        })),
        // Start-up wiring: the files at the root of src/ (main.ts, service.ts, demo.ts).
        { type: "main", pattern: "src" },
      ],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          policies: [
            ...layerPolicies,
            {
              from: { element: { type: "simulator" } },
              allow: { to: { element: { types: { anyOf: [...SIMULATOR_USES, "simulator"] } } } },
            },
          ],
        },
      ],
      "boundaries/no-unknown-files": "error",
    },
  },
  {
    // SQL and the database driver live in the store (db/ connects and migrates, model/ declares entities).
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts", "src/store/**", "src/db/**", "src/model/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "pg", message: "Only src/store (and src/db, to connect) talks to PostgreSQL." },
            {
              name: "typeorm",
              message:
                "TypeORM is for entities (src/model) and migrations (src/db); queries go through src/store.",
            },
          ],
        },
      ],
    },
  },
);
