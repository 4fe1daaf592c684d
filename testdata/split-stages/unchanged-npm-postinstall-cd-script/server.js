console.log("seed", require("fs").existsSync("/srv/data/seed"))
