#include <stdio.h>
#include <stdlib.h>
int main(){char p[256];snprintf(p,256,"%s/.myapp/app.conf",getenv("HOME"));FILE*f=fopen(p,"r");char b[64]={0};if(f){fgets(b,63,f);printf("conf: %s",b);}else printf("no conf at %s\n",p);return 0;}
