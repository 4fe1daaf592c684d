int http_port() { return 80; }
