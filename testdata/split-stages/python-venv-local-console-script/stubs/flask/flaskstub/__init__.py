import importlib, os, sqlite3, sys


class Flask:
    def __init__(self, name):
        self.config = {}


def main():
    sys.path.insert(0, os.getcwd())
    app = importlib.import_module(os.environ.get("FLASK_APP", "app")).app
    path = app.config["SQLALCHEMY_DATABASE_URI"][len("sqlite:///"):]
    if sys.argv[1:3] == ["db", "upgrade"]:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        db = sqlite3.connect(path)
        db.execute("create table if not exists users(id integer primary key)")
        db.commit()
        print("upgraded", path)
    else:
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            print("tables:", [r[0] for r in db.execute("select name from sqlite_master")])
        except sqlite3.OperationalError as e:
            print("database error:", e, path)
            raise SystemExit(1)
