import ms from "ms"; console.log("c65", ms(1000));
