#include <stdio.h>
int main(void) { FILE *f = fopen("data/seed.txt", "r"); puts(f ? "seeded" : "none"); return 0; }
