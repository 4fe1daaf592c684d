#include <microhttpd.h>
int main(void) { return 0; }
