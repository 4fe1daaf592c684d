#include <stdio.h>

int main(void) {
  FILE *f = fopen("/opt/data/words/list.txt", "r");
  if (!f) { perror("list.txt"); return 1; }
  int lines = 0, c;
  while ((c = fgetc(f)) != EOF) if (c == '\n') lines++;
  fclose(f);
  printf("%d words\n", lines);
  return 0;
}
