import ms from "ms";
const { fork } = require("child_process");
const child = fork("src/worker.ts");
child.on("exit", (code) => console.log("c34", ms(1000), "worker exit", code));
