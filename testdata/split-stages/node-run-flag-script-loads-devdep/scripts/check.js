const isNumber=require('is-number');if(!isNumber(process.env.PORT||'3000'))process.exit(1);console.log('config ok');
