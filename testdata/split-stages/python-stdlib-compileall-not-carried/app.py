import flask
print("ok")
