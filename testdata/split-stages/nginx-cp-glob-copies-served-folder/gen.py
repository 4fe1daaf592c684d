import os, shutil
os.makedirs("out", exist_ok=True)
shutil.copytree("src", "out", dirs_exist_ok=True)
