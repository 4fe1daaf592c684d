import mylib; print(mylib.GREETING)
