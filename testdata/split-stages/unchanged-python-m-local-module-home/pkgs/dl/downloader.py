import os
d = os.path.expanduser("~/dl_data"); os.makedirs(d, exist_ok=True)
open(d + "/punkt.bin", "w").write("x")
