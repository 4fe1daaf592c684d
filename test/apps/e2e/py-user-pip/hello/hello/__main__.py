import sys

import hello

print(hello.message(), sys.version_info[:2] >= (3, 8))
