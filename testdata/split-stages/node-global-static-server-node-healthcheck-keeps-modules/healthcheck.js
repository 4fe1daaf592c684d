const axios = require("axios");
axios.get("http://localhost:3000/").then(() => { console.log("healthy"); process.exit(0); }).catch((e) => { console.log("unhealthy", e.message); process.exit(1); });
