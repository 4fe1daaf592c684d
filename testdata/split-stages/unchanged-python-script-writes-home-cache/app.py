import os, http.server
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            body = "model=" + open(os.path.expanduser("~/.cache/myapp/model.txt")).read().strip()
        except Exception as e:
            body = "ERR " + repr(e)
        self.send_response(200); self.end_headers(); self.wfile.write((body + "\n").encode())
http.server.HTTPServer(("", 8000), H).serve_forever()
