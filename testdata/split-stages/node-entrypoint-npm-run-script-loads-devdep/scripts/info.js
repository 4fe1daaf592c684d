console.log(require("is-number")(5))
