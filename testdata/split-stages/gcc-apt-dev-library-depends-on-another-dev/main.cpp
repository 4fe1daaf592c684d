#include <spdlog/spdlog.h>

int main() {
  spdlog::info("hello {}", fmt::format("{}", 42));
  return 0;
}
