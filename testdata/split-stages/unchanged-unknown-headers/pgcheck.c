#include <libpq-fe.h>
#include <stdio.h>
int main(void) { printf("libpq %d\n", PQlibVersion()); return 0; }
