print(open("/seed.txt").read())
