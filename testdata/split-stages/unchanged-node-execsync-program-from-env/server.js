const { execSync } = require("child_process");
console.log(require("ms")(1000));
try { console.log(execSync(process.env.VCS + " --version").toString().trim()); } catch (e) { console.log("no", process.env.VCS); }
