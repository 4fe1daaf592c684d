const isNumber=require('prettier');if(!isNumber(process.env.PORT||'3000'))process.exit(1);console.log('config ok');
