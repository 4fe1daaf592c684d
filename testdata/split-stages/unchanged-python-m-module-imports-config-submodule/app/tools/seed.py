import os
from app import config
os.makedirs(config.INDEX_DIR, exist_ok=True)
open(os.path.join(config.INDEX_DIR, "idx"), "w").write("built")
