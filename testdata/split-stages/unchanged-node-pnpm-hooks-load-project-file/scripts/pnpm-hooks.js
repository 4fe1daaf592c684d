// Drop the engines field of ms before pnpm resolves it.
exports.readPackage = (pkg) => {
  if (pkg.name === "ms") delete pkg.engines;
  return pkg;
};
