// Writes the build's facts for the server to read at run time.
const fs = require("node:fs");
fs.mkdirSync("generated", { recursive: true });
fs.writeFileSync("generated/info.json", JSON.stringify({ built: "yes", files: fs.readdirSync(".").length }));
