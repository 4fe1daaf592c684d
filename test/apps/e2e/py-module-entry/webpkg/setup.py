from setuptools import setup

setup(name="webpkg", version="1.0", packages=["webpkg"])
