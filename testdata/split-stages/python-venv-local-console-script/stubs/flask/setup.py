# Stand-in for Flask + Flask-Migrate's CLI (PyPI is unreachable here): `flask db upgrade` creates the database the
# app's SQLALCHEMY_DATABASE_URI names; `flask run` opens it read-only and counts the tables.
from setuptools import setup
setup(name="Flask", version="0.1", packages=["flaskstub"], entry_points={"console_scripts": ["flask=flaskstub:main"]})
