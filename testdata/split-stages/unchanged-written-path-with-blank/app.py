print(open("/srv/my app/index.txt").read())
