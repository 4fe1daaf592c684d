fn main() {
    let path = std::env::var("CONFIG_FILE").unwrap_or_else(|_| "config.toml".to_string());
    let text = std::fs::read_to_string(&path).unwrap();
    println!("{}", text.len());
}
