from importlib import resources

import bigdep


def main():
    conf = resources.files("mytool").joinpath("data/conf.txt").read_text().strip()
    print("mytool:", conf, "weights:", bigdep.weights_size())
