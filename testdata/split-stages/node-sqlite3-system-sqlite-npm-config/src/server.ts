const sqlite3 = require("sqlite3");
const db = new sqlite3.Database(":memory:");
db.get("select sqlite_version() as v", (err, row) => console.log("c32", err ? err.message : row.v));
