def write():
    open("VERSION", "w").write("1")
