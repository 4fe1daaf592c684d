declare const require: any;
const { execFileSync } = require("child_process");
// formats generated reports with the globally installed prettier
console.log("c32", execFileSync("prettier", ["--version"]).toString().trim());
