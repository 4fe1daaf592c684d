#include <iostream>
#include <string>
int main() { std::string s = "hello"; std::cout << s << std::endl; }
