import os
MODEL_DIR = "/models/sentiment"
os.makedirs(MODEL_DIR, exist_ok=True)
with open(os.path.join(MODEL_DIR, "weights.txt"), "w") as f:
    f.write("w=0.73\n")
