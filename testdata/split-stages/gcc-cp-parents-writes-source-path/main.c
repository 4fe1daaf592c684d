#include <stdio.h>
int main(void) { char b[64] = "missing"; FILE *f = fopen("/etc/conf/app.conf", "r"); if (f) { fgets(b, sizeof b, f); fclose(f); } printf("conf: %s\n", b); return 0; }
