// Two projects: fast pure unit tests, and integration tests against a real PostgreSQL
// (the server named by TEST_DATABASE_URL/DATABASE_URL, else an embedded one started once per run).
const fs = require("node:fs");
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, "utf8"));
delete swc.$schema;
const transform = { "^.+\\.ts$": ["@swc/jest", { ...swc, swcrc: false }] };
const common = { transform, testEnvironment: "node", setupFiles: ["reflect-metadata"] };

module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/src/**/*.test.ts"],
      testPathIgnorePatterns: ["\\.int\\.test\\.ts$"],
    },
    {
      ...common,
      displayName: "integration",
      // Beside the code: *.int.test.ts; across modules (API, end to end): test/**/*.itest.ts.
      testMatch: ["<rootDir>/src/**/*.int.test.ts", "<rootDir>/test/**/*.itest.ts"],
      globalSetup: "<rootDir>/test/global-setup.ts",
      globalTeardown: "<rootDir>/test/global-teardown.ts",
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 120000,
};
