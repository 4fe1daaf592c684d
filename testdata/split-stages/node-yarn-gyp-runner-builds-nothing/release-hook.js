// Runs the package's `release` script with npm's lifecycle runner, as npm itself would.
const lifecycle = require("npm-lifecycle");
const pkg = require("./package.json");

lifecycle(pkg, "release", __dirname, { unsafePerm: true }).then(
  () => console.log("released"),
  (err) => {
    console.error(err.message);
    process.exit(1);
  },
);
