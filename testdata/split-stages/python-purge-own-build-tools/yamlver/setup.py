from setuptools import setup

setup(name="yamlver", version="1.0", packages=["yamlver"])
