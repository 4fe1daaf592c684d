import subprocess
def run(c):
    try: return subprocess.run(c, capture_output=True, text=True).stdout.strip()
    except Exception as e: return "ERR " + type(e).__name__
print(run(["hello-tool"]), run(["jq","--version"]))
