const gm = require("gm"); console.log(typeof gm);
