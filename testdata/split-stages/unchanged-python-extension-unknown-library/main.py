import geosver

print("libyaml", geosver.version())
