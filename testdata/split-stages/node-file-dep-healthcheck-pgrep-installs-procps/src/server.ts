declare const require: any; console.log("c10", require("mylib")(), typeof require("kleur").red);
