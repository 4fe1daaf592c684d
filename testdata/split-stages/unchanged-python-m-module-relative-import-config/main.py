print(open("/var/lib/index/idx").read())
