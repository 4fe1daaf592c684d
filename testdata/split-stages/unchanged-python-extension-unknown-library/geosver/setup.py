from setuptools import Extension, setup

setup(name="geosver", version="1.0", ext_modules=[Extension("geosver", ["geosver.c"], libraries=["geos_c"])])
