const express=require('express');const app=express();
app.set('view engine','ejs');
app.get('/',(q,r)=>r.render('index',{name:'ejs'}));
app.listen(3000);
