import ms from "ms";
const { execSync } = require("child_process");
let v = "none";
try { v = execSync("./node_modules/.bin/tsc --version").toString().trim(); } catch (e) { v = "ERR " + e.status; }
console.log("c23", ms(1000), v);
