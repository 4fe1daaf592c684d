# Runs as the user the Dockerfile creates: it writes into its home folder and reports who it is.
import http.server
import json
import os
import pwd

home = os.path.expanduser("~")
with open(os.path.join(home, "started.txt"), "w") as f:
    f.write("started")
me = pwd.getpwuid(os.getuid())


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"user": me.pw_name, "uid": me.pw_uid, "home": home, "shell": me.pw_shell}).encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)


http.server.HTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
