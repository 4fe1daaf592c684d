#include <stdio.h>
#include <dlfcn.h>
int main(void) {
  void *h = dlopen("libz.so", RTLD_NOW);
  if (!h) { fprintf(stderr, "dlopen failed: %s\n", dlerror()); return 1; }
  const char *(*ver)(void) = (const char *(*)(void))dlsym(h, "zlibVersion");
  printf("zlib (optional compression) %s\n", ver());
  return 0;
}
