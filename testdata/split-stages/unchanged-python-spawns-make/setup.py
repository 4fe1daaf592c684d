from setuptools import setup, find_packages
setup(name="webapp", version="0.1.0", package_dir={"": "src"}, packages=find_packages("src"),
      package_data={"webapp": ["templates/*.txt"]},
      entry_points={"console_scripts": ["webapp-serve=webapp.main:run"]})
