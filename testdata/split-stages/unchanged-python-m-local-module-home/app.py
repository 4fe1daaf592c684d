import os
print("data:", os.path.exists(os.path.expanduser("~/dl_data/punkt.bin")))
