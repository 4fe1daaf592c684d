import sys, pathlib
pathlib.Path(sys.argv[1], "index.txt").write_text("built\n")
