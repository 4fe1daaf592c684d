const { lastCommit } = require("./dist/version");
console.log(require("ms") ? "ok" : "", lastCommit());
