from setuptools import setup
setup(name="dl", version="0.1", packages=["dl"])
