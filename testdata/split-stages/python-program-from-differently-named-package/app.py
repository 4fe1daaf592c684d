import subprocess
subprocess.run(["convert", "in.pdf", "out.png"])
