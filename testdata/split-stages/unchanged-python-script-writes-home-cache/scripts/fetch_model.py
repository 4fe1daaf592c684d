import os
d = os.path.expanduser("~/.cache/myapp")
os.makedirs(d, exist_ok=True)
open(os.path.join(d, "model.txt"), "w").write("weights-v1\n")
