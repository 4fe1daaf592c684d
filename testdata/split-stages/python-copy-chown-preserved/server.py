import http.server
import os


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        # The app keeps a visit log in its own folder: the folder must stay writable by its user.
        with open("/app/visits.log", "a") as log:
            log.write(self.path + "\n")
        body = f"logged by uid {os.getuid()}\n".encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)


http.server.HTTPServer(("", 8000), Handler).serve_forever()
