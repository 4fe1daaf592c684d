module.exports = {
  apps: [{ name: 'web', script: 'server.js', env: { NODE_OPTIONS: '--require tsconfig-paths/register' } }],
};
