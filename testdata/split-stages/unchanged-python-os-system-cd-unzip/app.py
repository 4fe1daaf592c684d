import os
import subprocess

# unpack the bundled database on first start, then serve
if not os.path.exists("data/geo.mmdb"):
    os.system("cd data && unzip -o geoip.zip")
subprocess.run("set -e; cd data && ls", shell=True)
