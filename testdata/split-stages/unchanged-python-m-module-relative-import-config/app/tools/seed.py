import os
from ..config import INDEX_DIR
os.makedirs(INDEX_DIR, exist_ok=True)
open(os.path.join(INDEX_DIR, "idx"), "w").write("built")
