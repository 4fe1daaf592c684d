#include <stdio.h>
int main(void) {
  char line[256];
  FILE *f = fopen("/etc/myapp/myapp.conf", "r");
  if (!f) { puts("no config: /etc/myapp/myapp.conf missing, using greeting=hello"); return 0; }
  while (fgets(line, sizeof line, f)) fputs(line, stdout);
  return 0;
}
