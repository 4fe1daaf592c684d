import http.server, os, subprocess, string, sys
from importlib import resources

UPLOADS = os.environ.get("UPLOAD_DIR", "/app/uploads")

class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        tpl = string.Template(resources.files("webapp").joinpath("templates/greet.txt").read_text())
        try:
            os.makedirs(UPLOADS, exist_ok=True)
            with open(os.path.join(UPLOADS, "u.txt"), "a") as f:
                f.write("x")
            up = "upload-ok"
        except Exception as e:
            up = "upload-ERR " + str(e)
        try:
            v = subprocess.run(["make", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        except Exception as e:
            v = "make-ERR " + str(e)
        body = f"{tpl.substitute(name=os.environ.get('USER_NAME','x'))} {up} {v} py={sys.prefix}\n".encode()
        self.send_response(200); self.end_headers(); self.wfile.write(body)

def run():
    http.server.HTTPServer(("", 8000), H).serve_forever()

if __name__ == "__main__":
    run()
