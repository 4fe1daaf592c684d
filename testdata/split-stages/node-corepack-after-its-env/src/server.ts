declare const require: any; console.log("c25", typeof require("express"));
