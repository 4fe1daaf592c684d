start_server() {
  exec /app/server
}
