const { execSync } = require("child_process");
const fs = require("fs");
let rev = "unknown";
try { rev = execSync("git rev-parse HEAD").toString().trim(); } catch {}
fs.writeFileSync("build-info.json", JSON.stringify({ rev }));
