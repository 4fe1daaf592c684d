import os
print(os.getuid(), os.getgid())
