const { execSync } = require("child_process");
exports.lastCommit = () => { try { return execSync("git --version").toString().trim(); } catch (e) { return "no git"; } };
