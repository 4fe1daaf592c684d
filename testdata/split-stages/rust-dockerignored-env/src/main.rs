fn main() {
    dotenvy::dotenv().ok();
    let _ = std::fs::read_to_string("static/robots.txt");
}
