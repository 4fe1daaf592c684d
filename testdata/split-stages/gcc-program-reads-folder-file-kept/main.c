#include <stdio.h>

int main(void) {
  FILE *f = fopen("config.txt", "r");
  char line[64];
  if (f && fgets(line, sizeof line, f)) printf("%s", line);
  return 0;
}
