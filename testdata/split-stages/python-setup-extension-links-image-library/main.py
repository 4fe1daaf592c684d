import yamlver

print("libyaml", yamlver.version())
