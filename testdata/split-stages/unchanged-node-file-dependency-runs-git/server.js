console.log("ok", require("ms")(1000), require("rev")());
