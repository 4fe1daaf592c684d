const { execFileSync } = require("node:child_process");
execFileSync("make", ["-C", "reports"]);
