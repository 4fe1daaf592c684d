import ms from "ms"; console.log("c29", ms(1000));
