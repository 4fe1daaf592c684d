fn main() {
    println!("mode={}", std::env::var("MODE").unwrap_or_default());
}
