const path = require("path");
module.exports = {
  entry: "./client/index.js",
  output: { filename: "bundle.js", path: path.resolve(__dirname, "public/assets") },
};
