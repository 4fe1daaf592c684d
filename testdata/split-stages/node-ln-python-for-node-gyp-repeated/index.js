const { execFileSync } = require("node:child_process");
execFileSync("python", ["-c", "print(1)"]);
require("express")().listen(3000);
