#include <stdio.h>
#include <sys/stat.h>
int main(void) { char b[64] = "missing"; struct stat st; FILE *f = fopen("/opt/app/conf/app.conf", "r"); if (f) { fgets(b, sizeof b, f); fclose(f); }
  printf("conf: %s data dir: %s\n", b, stat("/opt/app/data", &st) == 0 ? "yes" : "no"); return 0; }
