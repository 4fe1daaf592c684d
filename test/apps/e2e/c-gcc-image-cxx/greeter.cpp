// Prints a greeting built with the C++ library, the SQLite version it links (from a headers package the gcc image
// preinstalls), and the folder the loader took libstdc++ from: the official gcc image's own (/usr/local/lib64),
// which the runtime must have too.
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include <sqlite3.h>

int main() {
  std::map<std::string, int> counts;
  std::istringstream words("to be or not to be");
  for (std::string w; words >> w;) counts[w]++;
  std::ostringstream out;
  for (const auto& [word, n] : counts) out << word << '=' << n << ' ';
  std::cout << out.str() << "sqlite " << sqlite3_libversion() << '\n';
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    auto at = line.find("libstdc++");
    if (at == std::string::npos) continue;
    auto path = line.substr(line.find('/'));
    std::cout << "libstdc++ from " << path.substr(0, path.rfind('/')) << '\n';
    break;
  }
  return 0;
}
