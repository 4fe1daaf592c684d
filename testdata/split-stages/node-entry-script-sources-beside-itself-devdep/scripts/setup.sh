echo "setting up"
node scripts/seed.js
