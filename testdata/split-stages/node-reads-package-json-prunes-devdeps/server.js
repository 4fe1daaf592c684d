const { version } = require("./package.json");
require("express");
console.log(version);
