import ms from "ms"; console.log("c22", ms(2000));
