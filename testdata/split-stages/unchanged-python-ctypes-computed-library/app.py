import ctypes
import os

lib = ctypes.CDLL(os.environ.get("CODEC_LIBRARY", "libopus.so.0"))
