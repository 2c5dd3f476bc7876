/** `npm run schema:print`: writes schema/schema.graphql from the code. */
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { printSchema } from "graphql";
import { buildAppSchema } from "./schema";

buildAppSchema()
  .then((schema) => {
    const file = path.resolve(__dirname, "../../../schema/schema.graphql");
    writeFileSync(file, printSchema(schema) + "\n");
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
