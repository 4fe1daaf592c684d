module.exports = () => require("child_process").execSync("git --version").toString().trim();
