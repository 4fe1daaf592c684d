#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>
int main(void){
  time_t t = 1700000000; char b[64]; strftime(b, sizeof b, "%Y-%m-%d %H:%M %Z", localtime(&t)); printf("local: %s\n", b);
  const char *ca = curl_version_info(CURLVERSION_NOW)->cainfo; printf("ca bundle %s: %s\n", ca ? ca : "(none)", ca && access(ca, R_OK) == 0 ? "present" : "MISSING");
  return 0; }
