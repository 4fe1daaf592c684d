print(open("/opt/models/model-v3.bin").read())
