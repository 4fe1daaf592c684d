"""A stand-in for Django's manage.py: `collectstatic` gathers the assets into STATIC_ROOT, `runserver` serves them."""
import http.server
import pathlib
import shutil
import sys

STATIC_ROOT = pathlib.Path(__file__).parent / "staticfiles"


def collectstatic():
    STATIC_ROOT.mkdir(exist_ok=True)
    for source in ("assets", "site"):
        for path in pathlib.Path(source).rglob("*"):
            if path.is_file():
                target = STATIC_ROOT / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    print(f"collected into {STATIC_ROOT}")


def runserver():
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(STATIC_ROOT), **k)  # noqa: E731
    http.server.HTTPServer(("", 8000), handler).serve_forever()


if __name__ == "__main__":
    {"collectstatic": collectstatic, "runserver": runserver}[sys.argv[1]]()
