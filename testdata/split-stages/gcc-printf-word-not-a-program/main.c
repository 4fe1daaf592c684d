#include <stdio.h>
#include <zlib.h>

int main(void) {
  printf("curl %s\n", "is not run here");
  printf("zlib %s\n", zlibVersion());
  return 0;
}
