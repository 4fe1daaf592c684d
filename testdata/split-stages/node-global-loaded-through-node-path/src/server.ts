declare const require: any; const pm2 = require("pm2"); console.log("c29", typeof pm2.connect);
