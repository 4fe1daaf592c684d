set -e
npx tsc --version
node dist/check.js
exec "$@"
