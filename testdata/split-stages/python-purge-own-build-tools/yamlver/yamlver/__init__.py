"""libyaml's version, read through ctypes from the shared library the image installs."""

import ctypes

_lib = ctypes.CDLL("libyaml-0.so.2")
_lib.yaml_get_version_string.restype = ctypes.c_char_p


def version() -> str:
    return _lib.yaml_get_version_string().decode()
