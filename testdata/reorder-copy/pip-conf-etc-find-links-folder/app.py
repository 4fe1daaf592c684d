import mylib
