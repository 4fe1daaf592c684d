from setuptools import Extension, setup

setup(name="yamlver", version="1.0", ext_modules=[Extension("yamlver", ["yamlver.c"], libraries=["yaml"])])
