from setuptools import setup
setup(name="webapp", version="1.0", packages=["webapp"], data_files=[("share/webapp", ["data/banner.txt"])],
      entry_points={"console_scripts": ["webapp-banner=webapp:main"]})
