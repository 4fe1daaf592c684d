const { execSync } = require("child_process");
const cmd = "ls";
console.log(require("ms")(1000), execSync(cmd + " /").toString().length > 0, execSync(`ls ${__dirname}`).toString().length > 0);
