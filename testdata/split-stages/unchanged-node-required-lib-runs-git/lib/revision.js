const { execFileSync } = require("child_process");
exports.revision = () => execFileSync("git", ["rev-parse", "HEAD"]).toString().trim();
