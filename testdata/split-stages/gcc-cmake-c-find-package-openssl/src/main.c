#include <openssl/evp.h>
int main(void) { return EVP_MD_size(EVP_sha256()) == 32 ? 0 : 1; }
