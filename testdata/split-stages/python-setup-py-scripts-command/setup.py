from setuptools import setup
setup(name="legacy", version="0.1", py_modules=["legacy"], package_dir={"": "src"}, data_files=[("share/legacy", ["legacy.dat"])], scripts=["bin/legacy-run"])
