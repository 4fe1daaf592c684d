module.exports = () => "mylib " + require("ms")(90000);
