def main():
    try:
        print(open("/etc/mypkg/conf.ini").read().strip())
    except Exception as e:
        print("no conf", e)
