const isNumber=require("is-number");require("fs").writeFileSync("/tmp/migrated",String(isNumber(3)));console.log("migrated");
