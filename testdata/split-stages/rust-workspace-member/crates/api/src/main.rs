use tower_http::services::ServeDir;

fn main() {
    let _files = ServeDir::new("static");
}
