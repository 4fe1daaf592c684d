module.exports = {
  scripts: {
    serve: "nodemon --watch src",
  },
};
