const { name } = require("./package.json");
console.log(`${name} on node ${process.versions.node.split(".")[0]}`);
