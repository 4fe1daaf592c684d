import os
os.makedirs("out", exist_ok=True)
open("out/index.html","w").write("<h1>hi</h1>")
open("tpl.js","w").write('window.API="${API_URL}";')
