const isNumber=require('is-number');require('fs').writeFileSync('/tmp/b',isNumber(2)?'b-ok':'no');
