from setuptools import setup

setup(name="greeter", version="0.1", py_modules=["greeter"], package_dir={"": "src"})
