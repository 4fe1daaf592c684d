from git import Repo

print("repo class", Repo.__name__)
