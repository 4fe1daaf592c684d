#include <stdio.h>
#include <unistd.h>
int main(int c, char **v){ puts("wrapper: starting"); fflush(stdout); execv(v[1], v+1); return 1; }
