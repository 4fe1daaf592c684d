console.log(typeof require("canvas").createCanvas)
