require("fs").writeFileSync("out.txt","x")
