def app(environ, start):
    start("200 OK", [])
    return [b"ok"]
