import os
import subprocess

from flask import Flask

app = Flask(__name__)
CONVERTER = os.environ.get("CONVERTER_BIN")


@app.route("/convert/<name>")
def convert(name):
    subprocess.run([CONVERTER, name, name + ".png"], check=True)
    return "ok"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
