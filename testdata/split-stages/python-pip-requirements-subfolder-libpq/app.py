import psycopg2
print(psycopg2.__version__)
