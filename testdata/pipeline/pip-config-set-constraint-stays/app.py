import os; print("ok", sorted(os.listdir(".")))
