import requests
print("load")
