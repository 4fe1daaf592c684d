import os
p = os.path.join(os.path.expanduser("~"), ".cache", "models", "model.bin")
print("model:", os.path.exists(p))
