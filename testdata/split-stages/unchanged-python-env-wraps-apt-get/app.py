import subprocess
r = subprocess.run(["jq", "--version"], capture_output=True, text=True)
print(r.stdout.strip() or r.stderr.strip())
