from http.server import BaseHTTPRequestHandler, HTTPServer

from setup import version

class H(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(version().encode())

HTTPServer(("", 8000), H).serve_forever()
