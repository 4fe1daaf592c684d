print(open("VERSION").read())
