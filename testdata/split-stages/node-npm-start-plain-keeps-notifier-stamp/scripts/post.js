require("child_process").execSync("sh scripts/setup.sh", { stdio: "inherit" });
