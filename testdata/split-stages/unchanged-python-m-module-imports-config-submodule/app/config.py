INDEX_DIR = "/var/lib/index"
