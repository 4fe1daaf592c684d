console.log(require("child_process").execSync("$VCS --version").toString().trim())
