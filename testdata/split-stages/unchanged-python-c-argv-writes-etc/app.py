print(open("/etc/tool.conf").read())
