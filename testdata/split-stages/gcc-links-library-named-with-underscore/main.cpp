#include <boost/system/error_code.hpp>
#include <iostream>

int main() {
  boost::system::error_code ec;
  std::cout << "ok " << ec.value() << std::endl;
}
