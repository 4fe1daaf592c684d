#include <stdio.h>
#include "vendor.h"
int main(void) { puts(VENDOR_GREETING); return 0; }
