import ms from "ms"; const n: number = 1; console.log("c43", ms(1000), n);
