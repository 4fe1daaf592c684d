console.log(require("./math").add(2, 3));
