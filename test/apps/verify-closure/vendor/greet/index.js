const { execFileSync } = require("node:child_process");

module.exports = (name) => `hello ${name}`;
// The version of the tool the app was deployed with: runs git at request time.
module.exports.version = () => execFileSync("git", ["--version"]).toString();
