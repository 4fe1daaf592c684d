# No WORKDIR: the app lives in `/`, beside the image's own folders; `greet` comes from a local wheel.
from http.server import BaseHTTPRequestHandler, HTTPServer

import greet


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(f"{greet.hello()} {self.path}\n".encode())


HTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
