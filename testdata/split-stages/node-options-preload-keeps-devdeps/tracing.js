const isNumber=require('is-number');globalThis.__traced=isNumber(1);
