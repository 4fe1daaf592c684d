node scripts/seed.js
