import torch

def f(x):
    return torch.sin(x) + torch.cos(x)

g = torch.compile(f)
print(g(torch.ones(3)))
