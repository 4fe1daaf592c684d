fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL");
    println!("connecting to {url}");
}
