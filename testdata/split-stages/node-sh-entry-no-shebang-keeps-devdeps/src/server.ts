import ms from "ms"; console.log("c06", ms(1000));
