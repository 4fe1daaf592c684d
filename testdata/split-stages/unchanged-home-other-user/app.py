print(open("/root/.myapprc").read())
