import ms from "ms"; const fs=require("fs"); console.log("c44", ms(1000), fs.readdirSync("public").join(","));
