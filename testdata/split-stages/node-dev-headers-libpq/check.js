// Loads the native libpq binding (built against libpq-dev): the runtime must have libpq.so.5.
const Libpq = require("libpq");
const pq = new Libpq();
console.log(JSON.stringify({ loaded: typeof pq.connectSync === "function", status: pq.connectSync ? "ok" : "missing" }));
