import shutil, os
os.makedirs("out", exist_ok=True)
shutil.copy("src/index.html", "out/index.html")
