from setuptools import setup, find_packages
setup(name="mylib", version="2.0.1", package_dir={"": "src"}, packages=find_packages("src"))
