#include <stdio.h>
int greet(void);
int main(){printf("greet %d\n", greet());return 0;}
