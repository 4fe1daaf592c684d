// ms declares no engines worth checking here: drop the field before pnpm resolves it.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === "ms") delete pkg.engines;
      return pkg;
    },
  },
};
