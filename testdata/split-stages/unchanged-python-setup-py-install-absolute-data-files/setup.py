from setuptools import setup
setup(name="mypkg", version="1.0", packages=["mypkg"], data_files=[("/etc/mypkg", ["conf.ini"])], entry_points={"console_scripts": ["mytool=mypkg:main"]})
