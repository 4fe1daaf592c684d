#include <stdio.h>
#include <unistd.h>
int main(void){ FILE*f=fopen("/var/spool/app/job.txt","w"); printf("uid=%d write=%s\n", getuid(), f?"ok":"FAILED"); return f?0:1; }
