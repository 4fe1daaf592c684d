import time

from flask import Flask

app = Flask(__name__)


@app.get("/")
def zone():
    return time.strftime("%Z")
