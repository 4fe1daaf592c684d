#include <thread>
int http_port();
int main() { std::thread t([]{}); t.join(); return http_port() == 80 ? 0 : 1; }
