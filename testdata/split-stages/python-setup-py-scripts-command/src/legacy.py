import sys, os
def run():
    print("legacy ok", os.path.exists(os.path.join(sys.prefix, "share/legacy/legacy.dat")), os.path.exists("/usr/local/share/legacy/legacy.dat"))
