// A local library of the monorepo, linked into node_modules by the workspaces install.
module.exports = (who) => `hello ${who}`;
