import http.server, importlib.metadata as md
try: import mylib; h = mylib.hello()
except Exception as e: h = "IMPORT ERR " + type(e).__name__
try: v = md.version("mylib")
except Exception as e: v = "META ERR " + type(e).__name__
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(("%s %s\n" % (h, v)).encode())
http.server.HTTPServer(("", 8000), H).serve_forever()
