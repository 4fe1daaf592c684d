#include <glib.h>
int main(void) { g_print("hi\n"); return 0; }
