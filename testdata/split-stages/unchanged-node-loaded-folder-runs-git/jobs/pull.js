module.exports = () => require("child_process").execSync("git pull");
