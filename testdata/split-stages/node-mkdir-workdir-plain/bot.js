require("ms"); setInterval(() => {}, 1000);
