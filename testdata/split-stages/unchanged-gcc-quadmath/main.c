#include <quadmath.h>
int main(void) { __float128 x = sqrtq(2.0Q); return x > 1 ? 0 : 1; }
