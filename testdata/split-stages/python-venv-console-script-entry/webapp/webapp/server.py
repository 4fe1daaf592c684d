import os, sys, http.server, pathlib, importlib.metadata, sqlite3
HERE = pathlib.Path(__file__).parent
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            tpl = (HERE / "templates" / "index.txt").read_text().strip()
            data = os.environ.get("DATA_DIR", "data")
            os.makedirs(data, exist_ok=True)
            db = sqlite3.connect(os.path.join(data, "visits.db"))
            db.execute("create table if not exists v(x)"); db.execute("insert into v values(1)"); db.commit()
            n = db.execute("select count(*) from v").fetchone()[0]
            body = f"{tpl} v={importlib.metadata.version('webapp')} visits={n} uid={os.getuid()} cwd={os.getcwd()}\n"
            code = 200
        except Exception as e:
            body, code = f"ERR {e!r}\n", 500
        self.send_response(code); self.end_headers(); self.wfile.write(body.encode())
def main():
    http.server.HTTPServer(("", int(os.environ.get("PORT", "8000"))), H).serve_forever()
if __name__ == "__main__":
    main()
