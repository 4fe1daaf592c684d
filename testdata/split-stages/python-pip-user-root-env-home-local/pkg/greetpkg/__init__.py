def main():
    print("hi from greetpkg")
