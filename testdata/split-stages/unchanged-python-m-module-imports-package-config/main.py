from app.config import INDEX_DIR
try:
    print("index:", open(INDEX_DIR + "/idx").read().strip())
except OSError as e:
    print("index missing:", e); raise SystemExit(1)
