#include <fstream>
#include <iostream>
#include <string>

int main() {
  // The messages ship beside the program, in a data folder read at run time.
  std::ifstream in("/opt/motd/data/messages.txt");
  if (!in) { std::cerr << "no data folder\n"; return 1; }
  std::string line;
  int n = 0;
  while (std::getline(in, line)) std::cout << ++n << ": " << line << "\n";
  return 0;
}
