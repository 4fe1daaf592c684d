LDLIBS = -lcurl

app: main.c
	$(CC) -O2 -o app main.c $(LDLIBS)
