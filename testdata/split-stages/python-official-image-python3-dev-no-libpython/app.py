import yext
print("libyaml", yext.ver())
