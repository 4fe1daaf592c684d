from importlib import resources


def weights_size():
    return len(resources.files("bigdep").joinpath("weights.bin").read_bytes())
