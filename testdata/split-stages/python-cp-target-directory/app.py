import os; print(os.listdir("/opt"))
