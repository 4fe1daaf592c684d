from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent.parent
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "/var/lib/app/db.sqlite3"}}
