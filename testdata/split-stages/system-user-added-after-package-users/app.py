import os, pwd; print("app uid", os.getuid(), "redis uid", pwd.getpwnam("redis").pw_uid)
