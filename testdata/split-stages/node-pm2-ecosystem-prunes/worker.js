const ms = require("ms");
setInterval(() => console.log(ms(Date.now())), 60000);
