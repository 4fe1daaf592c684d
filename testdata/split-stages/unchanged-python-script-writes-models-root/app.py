try:
    print("model:", open("/models/sentiment/weights.txt").read().strip())
except OSError as e:
    print("model missing:", e); raise SystemExit(1)
