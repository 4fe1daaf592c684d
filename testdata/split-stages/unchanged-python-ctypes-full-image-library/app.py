import ctypes

magic = ctypes.CDLL("libmagic.so.1")
print(magic.magic_version())
