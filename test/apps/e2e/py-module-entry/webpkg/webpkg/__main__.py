import http.server

from webpkg import GREETING


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(f"{GREETING} at {self.path}\n".encode())


http.server.HTTPServer(("", 8000), Handler).serve_forever()
