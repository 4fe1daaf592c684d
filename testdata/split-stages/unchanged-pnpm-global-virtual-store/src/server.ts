declare const require: any; console.log("c33", require("ms")(6000), typeof require("kleur").red, require("fs").realpathSync("node_modules/ms"));
