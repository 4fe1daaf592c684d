import subprocess, ctypes, ctypes.util, shutil
print("jq:", shutil.which("jq"))
try:
    print(subprocess.run(["jq", "-n", "1+1"], capture_output=True, text=True).stdout.strip())
except Exception as e: print("jq err", type(e).__name__)
name = ctypes.util.find_library("yaml")
print("find_library yaml:", name)
try:
    ctypes.CDLL("libyaml-0.so.2"); print("cdll ok")
except OSError as e: print("cdll err")
