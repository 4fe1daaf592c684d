from setuptools import setup, Extension
setup(name="yext", version="0.1", ext_modules=[Extension("yext", ["yext.c"], libraries=["yaml"])])
