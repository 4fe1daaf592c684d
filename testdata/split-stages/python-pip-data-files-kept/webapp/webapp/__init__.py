import sys, os, glob
def main():
    hits = glob.glob("/usr/local/share/webapp/banner.txt") + glob.glob(os.path.join(sys.prefix, "share/webapp/banner.txt"))
    print(open(hits[0]).read().strip() if hits else "ERR banner not found")
