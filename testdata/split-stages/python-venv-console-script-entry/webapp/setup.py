from setuptools import setup
setup(name="webapp", version="1.0", packages=["webapp"], package_data={"webapp": ["templates/*"]},
      entry_points={"console_scripts": ["webapp-serve=webapp.server:main"]})
