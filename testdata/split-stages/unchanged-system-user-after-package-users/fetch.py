import os
os.makedirs("data", exist_ok=True)
open("data/x","w").write("x")
