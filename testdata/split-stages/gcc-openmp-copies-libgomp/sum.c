#include <stdio.h>
int main(void) { long s = 0;
#pragma omp parallel for reduction(+:s)
  for (int i = 0; i < 100; i++) s += i;
  printf("%ld\n", s); return 0; }
