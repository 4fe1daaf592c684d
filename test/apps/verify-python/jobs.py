import greet


def names():
    return greet.NAMES
