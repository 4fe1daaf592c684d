#include <stdio.h>
#include <omp.h>
#include <quadmath.h>
int main(void) {
  int n = 0;
  #pragma omp parallel reduction(+:n)
  n += 1;
  __float128 x = 2.0Q;
  char buf[64]; quadmath_snprintf(buf, sizeof buf, "%.10Qf", sqrtq(x));
  printf("threads-counted=%d>0 maxthreads=%d sqrt2=%s\n", n > 0, omp_get_max_threads() > 0, buf);
  return 0;
}
