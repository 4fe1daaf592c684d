const Koa = require("koa");
const { metrics } = require("./lib/metrics");
new Koa().use(metrics).listen(3000);
