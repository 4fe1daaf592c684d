from importlib import resources
def main():
    print("mytool:", resources.files("mytool").joinpath("data/conf.txt").read_text().strip())
