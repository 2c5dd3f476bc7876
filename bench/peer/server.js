// PostGraphile 4 over the benchmark database, read-only: the peer of `npm run bench:api`.
// Started by bench/api.bench.ts with DATABASE_URL and PORT; prints "listening" when it accepts requests.
"use strict";
const http = require("node:http");
const { postgraphile } = require("postgraphile");

const middleware = postgraphile(process.env.DATABASE_URL, ["public", "bench_peer"], {
  disableDefaultMutations: true,
  graphiql: false,
  disableQueryLog: true,
  enableQueryBatching: false,
  ignoreRBAC: true,
  setofFunctionsContainNulls: false,
  retryOnInitFail: false,
});

http.createServer(middleware).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
