declare const require: any; console.log("c27", require("ms")(4000));
