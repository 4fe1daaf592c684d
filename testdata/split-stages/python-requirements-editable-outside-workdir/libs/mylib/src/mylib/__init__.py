def hello(): return "mylib-hello"
