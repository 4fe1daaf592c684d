import sh

print(sh.git("--version").strip())
