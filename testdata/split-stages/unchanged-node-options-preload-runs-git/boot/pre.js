console.log("pre", require("child_process").execSync("git --version").toString().trim());
