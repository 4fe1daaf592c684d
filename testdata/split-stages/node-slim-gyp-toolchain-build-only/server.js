import farmhash from "farmhash";
console.log(farmhash.hash32("guess"));
