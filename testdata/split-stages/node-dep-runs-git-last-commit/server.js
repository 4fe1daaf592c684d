const glc = require('git-last-commit');
glc.getLastCommit((err, commit) => {
  console.log(require('ms')('1s'), 'commit:', err ? 'ERR ' + String(err.message || err).split('\n')[0].slice(0, 60) : commit.subject);
});
