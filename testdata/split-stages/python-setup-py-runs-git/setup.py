import subprocess
from setuptools import setup

def version():
    try:
        return subprocess.check_output(["git", "describe", "--tags"]).decode().strip()
    except Exception:
        return "0.0.0"

setup(name="svc", version=version(), py_modules=["app"])
