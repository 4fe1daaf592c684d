"""A tiny server installed with `python setup.py install` and run as a module from outside the source folder."""
from http.server import BaseHTTPRequestHandler, HTTPServer


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"hello from {__name__} at {__file__.split('/site-packages/')[0].rsplit('/', 1)[-1]}\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("", 8000), Hello).serve_forever()
