import sys

import jobs

try:
    import ujson as json
except ImportError:
    import json

print(json.dumps({"jobs": jobs.names()}))
sys.exit(0)
