require('fs').writeFileSync('/tmp/a','a');
