#include <sodium.h>
#include <zlib.h>
#include <stdio.h>
int main(void) { if (sodium_init() < 0) return 1; printf("%s %s\n", sodium_version_string(), zlibVersion()); return 0; }
