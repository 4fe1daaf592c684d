#include <iostream>
int main() { std::cout << "bloom" << std::endl; return 0; }
