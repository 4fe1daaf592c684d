import shutil
import subprocess

# The tool that sniffs MIME types; override in tests.
MIME_TOOL = "file"


def mime_type(path):
    out = subprocess.run([MIME_TOOL, "--brief", "--mime-type", path], capture_output=True, text=True, check=True)
    return out.stdout.strip()


print("app.py is", mime_type("app.py"))
