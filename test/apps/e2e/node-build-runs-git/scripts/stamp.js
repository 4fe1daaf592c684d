// Build time only: records the git that built the image.
const { execSync } = require("node:child_process");
const fs = require("node:fs");
const git = execSync("git --version").toString().trim();
fs.writeFileSync("build-info.json", JSON.stringify({ git }));
