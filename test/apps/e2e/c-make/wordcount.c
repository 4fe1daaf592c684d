#include <ctype.h>
#include <stdio.h>

int main(int argc, char **argv) {
    int words = 0;
    for (int i = 1; i < argc; i++) {
        int in = 0;
        for (const char *p = argv[i]; *p; p++) {
            if (isspace((unsigned char)*p)) in = 0;
            else if (!in) { in = 1; words++; }
        }
    }
    printf("%d words\n", words);
    return words == 0;
}
