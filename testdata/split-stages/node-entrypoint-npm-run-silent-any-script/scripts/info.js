console.log(require("is-number")(5), require("child_process").execSync("git --version").toString())
