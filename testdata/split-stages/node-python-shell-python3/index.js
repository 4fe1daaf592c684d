const { PythonShell } = require('python-shell');
const path = require('path');

async function main() {
  const out = await PythonShell.run(path.join(__dirname, 'scripts', 'stats.py'), { args: ['3', '4', '5'] });
  console.log('stats:', out.join(' '));
}
main().catch((e) => { console.error('failed:', e.message); process.exit(1); });
