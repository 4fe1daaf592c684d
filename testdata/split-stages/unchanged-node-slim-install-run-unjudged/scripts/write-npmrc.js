require("fs").writeFileSync(".npmrc","")
