#include <stdio.h>
#include <curl/curl.h>
int main(void) { CURL *h = curl_easy_init(); printf("init %d\n", h != NULL); curl_easy_cleanup(h); return 0; }
