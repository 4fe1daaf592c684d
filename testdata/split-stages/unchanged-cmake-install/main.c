#include <stdio.h>
int main(){FILE*f=fopen("/usr/local/share/app/app.conf","r");char b[64]={0};if(f){fgets(b,63,f);printf("conf: %s",b);}else puts("no conf");return 0;}
