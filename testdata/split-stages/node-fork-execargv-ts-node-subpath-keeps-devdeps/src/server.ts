import ms from "ms";
const { fork } = require("child_process");
const child = fork("jobs/report.ts", [], { execArgv: ["-r", "ts-node/register/transpile-only"] });
child.on("exit", (code) => console.log("c26", ms(1000), "job exit", code));
